package io.tracegraph.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.tools.generate.GenerationPlan.Kind;
import io.tracegraph.tools.generate.GenerationPlan.Slot;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code generate --growth}: how many extra traces each day gets, where their slots go, and the option's errors. */
class GrowthTest {
  static final LocalDate DAY = LocalDate.of(2026, 1, 5);

  /**
   * GET /search has weight 15 of 100, so with 1000 normal traces a day its base is 150 and day d adds
   * round(150·(1.05^d − 1)): 0, 8 (7.5 rounds half up), 15, 24.
   */
  @Test
  void extraTracesCompoundPerDay() {
    Growth g = Growth.parse("frontend GET /search=5%");
    assertEquals("GET /search", g.entry());
    assertEquals(0.05, g.ratePerDay(), 0);
    assertEquals(List.of(0L, 8L, 15L, 24L), List.of(g.extraTraces(0, 1000), g.extraTraces(1, 1000),
        g.extraTraces(2, 1000), g.extraTraces(3, 1000)));
    assertEquals(Growth.parse("frontend GET /search=0.05"), g);
  }

  /** The extra slots come after every normal one, so the normal slots, and their traces, are as without growth. */
  @Test
  void extraSlotsComeLastAndUseTheGrownEntryPoint() {
    GenerationPlan plain = new GenerationPlan(42, DAY.toEpochDay(), 4, 1000, 0, false);
    GenerationPlan grown = new GenerationPlan(42, DAY.toEpochDay(), 4, 1000, 0, false, Perturbations.NONE,
        Growth.parse("frontend GET /search=5%"));
    assertEquals(plain.slots() + 0 + 8 + 15 + 24, grown.slots());
    for (long i = 0; i < plain.slots(); i += 97) assertEquals(plain.slot(i), grown.slot(i));
    List<Slot> extra = new ArrayList<>();
    for (long i = plain.slots(); i < grown.slots(); i++) extra.add(grown.slot(i));
    assertEquals(new Slot(DAY.toEpochDay() + 1, Kind.GROWTH, 0), extra.get(0));
    assertEquals(new Slot(DAY.toEpochDay() + 3, Kind.GROWTH, 23), extra.get(extra.size() - 1));
    for (Slot s : extra) {
      SyntheticTrace t = TraceSynthesizer.synthesize(grown, s);
      assertEquals("GET /search", t.root().name, s.toString());
      assertEquals(s.epochDay(), t.epochDay());
    }
  }

  @Test
  void badValuesNameTheKnownEntryPoints() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Growth.parse("frontend GET /nope=5%"));
    assertTrue(e.getMessage().contains("'frontend GET /search'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Growth.parse("frontend GET /search=fast"));
    assertThrows(IllegalArgumentException.class, () -> Growth.parse("frontend GET /search=-5%"));
    assertThrows(IllegalArgumentException.class, () -> Growth.parse("frontend GET /search"));
    assertTrue(Growth.parse(null).isNone());
  }
}
