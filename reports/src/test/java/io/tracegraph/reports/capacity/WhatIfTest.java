package io.tracegraph.reports.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracegraph.reports.capacity.CapacityInput.EntryKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The what-if multiplier, worked by hand. */
class WhatIfTest {
  private static final EntryKey CHECKOUT = new EntryKey("frontend", "POST /checkout");
  private static final EntryKey HOME = new EntryKey("frontend", "GET /");

  /** Doubling checkout, which caused 300 of a service's 1000 calls: 1 + 1·0.3. */
  @Test
  void doublingOneEntryPoint() {
    WhatIf w = new WhatIf(Map.of(CHECKOUT, 2.0));
    assertEquals(1.3, w.multiplier(1000, Map.of(CHECKOUT, 300L, HOME, 700L)), 1e-12);
    assertEquals(1.0, w.multiplier(1000, Map.of(HOME, 1000L)), 0);
  }

  /** Two entry points at once add up; halving removes load; the result never goes below 0. */
  @Test
  void severalFactors() {
    WhatIf w = new WhatIf(Map.of(CHECKOUT, 3.0, HOME, 0.5));
    assertEquals(1 + 2 * 0.2 - 0.5 * 0.8, w.multiplier(500, Map.of(CHECKOUT, 100L, HOME, 400L)), 1e-12);
    assertEquals(0.0, new WhatIf(Map.of(HOME, 0.0)).multiplier(10, Map.of(HOME, 10L)), 0);
  }

  /** Σ (f − 1) · peak calls: doubling adds the entry's peak once, tripling twice, halving takes half off. */
  @Test
  void addedAtPeak() {
    WhatIf w = new WhatIf(Map.of(CHECKOUT, 3.0, HOME, 0.5));
    assertEquals(2 * 12.5 - 0.5 * 40, w.addedAtPeak(Map.of(CHECKOUT, 12.5, HOME, 40.0)), 1e-12);
    assertEquals(25.0, w.addedAtPeak(Map.of(CHECKOUT, 12.5)), 1e-12, "an entry point that never reaches the service");
    assertEquals(0.0, new WhatIf(Map.of()).addedAtPeak(Map.of(CHECKOUT, 12.5)), 0);
  }

  @Test
  void rejectsBadFactors() {
    assertThrows(IllegalArgumentException.class, () -> new WhatIf(Map.of(HOME, -1.0)));
    assertThrows(IllegalArgumentException.class, () -> new WhatIf(Map.of(HOME, Double.NaN)));
    assertThrows(IllegalArgumentException.class, () -> new WhatIf(Map.of(HOME, Double.POSITIVE_INFINITY)));
  }
}
