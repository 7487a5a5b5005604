package io.tracegraph.reports.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.Graphs;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/** The day-over-day diff on small graphs with answers worked out by hand. */
class DayDiffTest {
  static GraphData day(int offset, String... edges) {
    GraphData g = Graphs.of(Set.of("db"), edges);
    return new GraphData(Graphs.DAY.plusDays(offset), null, g.edges(), g.services());
  }

  /** Pearson's chi-square on [[a, b], [c, d]] in closed form, and its p-value with one degree of freedom. */
  static double[] chiSquare2x2(double a, double b, double c, double d) {
    double n = a + b + c + d;
    double chi = n * Math.pow(a * d - b * c, 2) / ((a + b) * (c + d) * (a + c) * (b + d));
    return new double[] {chi, Erf.erfc(Math.sqrt(chi / 2))};
  }

  /**
   * Yesterday: web → api 100 calls (1 error), web → auth 50, auth → db 30. Today: web → api 300 calls (40 errors),
   * web → auth 60, web → search 25 (new). auth → db is gone, and with it db; search is new.
   */
  @Test
  void newVanishedAndChangedEdgesAreFound() {
    GraphData before = day(0, "web>api:100:1", "web>auth:50:0", "auth>db:30:0");
    GraphData after = day(1, "web>api:300:40", "web>auth:60:0", "web>search:25:0");
    GraphDiff d = DayDiff.compare(before, after, DiffOptions.DEFAULTS);

    assertEquals(Graphs.DAY, d.previousDate());
    assertEquals(List.of("search"), d.newServices());
    assertEquals(List.of("db"), d.vanishedServices());
    assertEquals(List.of(CallStats.of("web", "search", 25, 0)), d.newEdges());
    assertEquals(List.of(CallStats.of("auth", "db", 30, 0)), d.vanishedEdges());
    // +200% on web → api is flagged; +20% on web → auth is within the 50% threshold.
    assertEquals(List.of(new GraphDiff.CallChange("web", "api", 100, 300, 200.0)), d.callChanges());
    // web → api is the only testable edge (web → auth has no errors at all): 1% → 13.3%.
    assertEquals(1, d.errorRateTests());
    GraphDiff.ErrorRateChange e = d.errorRateChanges().get(0);
    double[] expected = chiSquare2x2(1, 99, 40, 260);
    assertEquals(expected[0], e.chiSquare(), 1e-9);
    assertEquals(expected[1], e.pValue(), 1e-12);
    assertTrue(e.pValue() < 0.001);
    assertEquals(6, d.flags());
  }

  /** A move that the chi-square test finds plausible by chance is not flagged, however large it looks in percent. */
  @Test
  void errorRateChangesWithinChanceAreNotFlagged() {
    // 10/200 = 5% → 14/200 = 7%: p ≈ 0.4.
    GraphDiff d = DayDiff.compare(day(0, "a>b:200:10"), day(1, "a>b:200:14"), DiffOptions.DEFAULTS);
    assertEquals(1, d.errorRateTests());
    assertEquals(List.of(), d.errorRateChanges());
    assertTrue(chiSquare2x2(10, 190, 14, 186)[1] > 0.3);
  }

  /** 0 → 2 errors in 10 calls: expected counts below 5, so the edge is not tested at all. */
  @Test
  void tooFewCallsAreNotTested() {
    assertNull(ErrorRateTest.test(10, 0, 10, 2));
    GraphDiff d = DayDiff.compare(day(0, "a>b:10:0"), day(1, "a>b:10:2"), DiffOptions.DEFAULTS);
    assertEquals(0, d.errorRateTests());
    assertEquals(List.of(), d.errorRateChanges());
  }

  /** A million calls make 0.10% → 0.13% highly significant, but it moved by less than half a point: not flagged. */
  @Test
  void significantButTinyErrorRateChangesAreNotFlagged() {
    GraphDiff d = DayDiff.compare(day(0, "a>b:1000000:1000"), day(1, "a>b:1000000:1300"), DiffOptions.DEFAULTS);
    assertTrue(chiSquare2x2(1000, 999000, 1300, 998700)[1] < 1e-6);
    assertEquals(List.of(), d.errorRateChanges());
    DiffOptions anyChange = new DiffOptions(50, 20, 0.01, 0, 20);
    assertEquals(1, DayDiff.compare(day(0, "a>b:1000000:1000"), day(1, "a>b:1000000:1300"), anyChange)
        .errorRateChanges().size());
  }

  /**
   * 40/400 → 60/400 has p ≈ 0.034: flagged at alpha 0.05 when it is the only edge tested, not when ten edges are
   * tested (the per-edge threshold becomes 0.005).
   */
  @Test
  void manyEdgesTestedRaiseTheBarBonferroni() {
    double p = chiSquare2x2(40, 360, 60, 340)[1];
    assertTrue(p > 0.005 && p < 0.05, "p=" + p);
    DiffOptions alpha5 = new DiffOptions(50, 20, 0.05, 0.5, 20);
    assertEquals(1, DayDiff.compare(day(0, "a>b:400:40"), day(1, "a>b:400:60"), alpha5).errorRateChanges().size());
    String[] before = new String[10];
    String[] after = new String[10];
    before[0] = "a>b:400:40";
    after[0] = "a>b:400:60";
    for (int i = 1; i < 10; i++) {
      before[i] = "a>s" + i + ":400:40";
      after[i] = "a>s" + i + ":400:40";
    }
    GraphDiff d = DayDiff.compare(day(0, before), day(1, after), alpha5);
    assertEquals(10, d.errorRateTests());
    assertEquals(0.005, d.errorRateThreshold(), 1e-15);
    assertEquals(List.of(), d.errorRateChanges());
  }

  /** +200% is flagged when one day reaches the 20-call floor (10 → 30), not when neither does (5 → 15). */
  @Test
  void callChangesNeedEnoughCalls() {
    assertEquals(1, DayDiff.compare(day(0, "a>b:10"), day(1, "a>b:30"), DiffOptions.DEFAULTS).callChanges().size());
    assertEquals(0, DayDiff.compare(day(0, "a>b:5"), day(1, "a>b:15"), DiffOptions.DEFAULTS).callChanges().size());
    GraphDiff.CallChange down = DayDiff.compare(day(0, "a>b:100"), day(1, "a>b:40"), DiffOptions.DEFAULTS)
        .callChanges().get(0);
    assertEquals(-60.0, down.changePercent(), 1e-12);
  }

  /** Without a previous day the diff is empty and says so. */
  @Test
  void noPreviousDayGivesAnEmptyDiff() throws Exception {
    GraphDiff d = DayDiff.compare(null, day(1, "a>b:10"), DiffOptions.DEFAULTS);
    assertFalse(d.hasPrevious());
    assertEquals(0, d.flags());
    JsonNode json = Json.mapper().readTree(DiffJson.render(d));
    assertTrue(json.get("previous_date").isNull());
    assertThrows(IllegalArgumentException.class, () -> DayDiff.compare(day(1, "a>b"), day(1, "a>b"),
        DiffOptions.DEFAULTS));
  }

  /**
   * The latency extension point: with samples on both days, a median that rises from ~10 ms to ~15 ms is a
   * regression; the same durations, or a faster day, are not.
   */
  @Test
  void latencyRegressionsNeedSamplesAndSignificance() {
    Random random = new Random(7);
    long[] before = new long[200];
    long[] slower = new long[200];
    long[] faster = new long[200];
    for (int i = 0; i < 200; i++) {
      double noise = Math.exp(random.nextGaussian() * 0.3);
      before[i] = Math.round(10_000 * noise);
      slower[i] = Math.round(15_000 * Math.exp(random.nextGaussian() * 0.3));
      faster[i] = Math.round(7_000 * Math.exp(random.nextGaussian() * 0.3));
    }
    long[] same = before.clone(); // the same durations on both days
    GraphData d0 = day(0, "a>b:200", "a>c:200", "a>d:200");
    GraphData d1 = day(1, "a>b:200", "a>c:200", "a>d:200");
    LatencySamples yesterday = (p, c) -> before;
    LatencySamples today = (p, c) -> switch (c) {
      case "b" -> slower;
      case "c" -> same;
      default -> faster;
    };
    GraphDiff d = DayDiff.compare(d0, d1, DiffOptions.DEFAULTS, yesterday, today);
    assertEquals(3, d.latencyTests());
    assertEquals(1, d.latencyRegressions().size());
    GraphDiff.LatencyRegression r = d.latencyRegressions().get(0);
    assertEquals("b", r.child());
    assertTrue(r.medianAfterMicros() > 1.3 * r.medianBeforeMicros());
    assertTrue(r.pValue() < 1e-6);
    assertNull(LatencyTest.test(new long[5], slower), "too few samples");
    assertNotNull(LatencyTest.test(before, same));
    assertEquals(0, DayDiff.compare(d0, d1, DiffOptions.DEFAULTS).latencyTests(), "no samples, no test");
  }

  /** diff.json lists every finding with its numbers, and the same diff always renders the same bytes. */
  @Test
  void diffJsonCarriesTheFindings() throws Exception {
    GraphDiff d = DayDiff.compare(day(0, "web>api:100:1", "auth>db:30:0"), day(1, "web>api:300:40", "web>s:25:0"),
        DiffOptions.DEFAULTS);
    String text = DiffJson.render(d);
    assertEquals(text, DiffJson.render(d));
    JsonNode json = Json.mapper().readTree(text);
    assertEquals("2026-03-02", json.get("previous_date").asText());
    assertEquals("s", json.get("new_edges").get(0).get("child").asText());
    assertEquals(List.of("auth", "db"), List.of(json.get("vanished_services").get(0).asText(),
        json.get("vanished_services").get(1).asText()));
    assertEquals(200.0, json.get("call_volume_changes").get(0).get("change_percent").asDouble());
    JsonNode change = json.get("error_rate_changes").get("changes").get(0);
    assertEquals(0.133333, change.get("error_rate_after").asDouble());
    assertEquals(chiSquare2x2(1, 99, 40, 260)[1], change.get("p_value").asDouble(),
        chiSquare2x2(1, 99, 40, 260)[1] * 1e-3);
  }
}
