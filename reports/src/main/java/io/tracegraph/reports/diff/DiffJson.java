package io.tracegraph.reports.diff;

import io.tracegraph.reports.Json;
import io.tracegraph.reports.graph.CallStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code diff.json}: the day-over-day diff, keys in a fixed order, numbers rounded to fixed digits. */
public final class DiffJson {
  private DiffJson() {}

  public static String render(GraphDiff d) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("date", d.date().toString());
    root.put("previous_date", d.hasPrevious() ? d.previousDate().toString() : null);
    Map<String, Object> thresholds = new LinkedHashMap<>();
    thresholds.put("call_change_percent", d.options().callChangePercent());
    thresholds.put("min_calls", d.options().minCalls());
    thresholds.put("alpha", d.options().alpha());
    thresholds.put("min_error_rate_change_points", d.options().minErrorRateChangePoints());
    thresholds.put("min_latency_change_percent", d.options().minLatencyChangePercent());
    root.put("thresholds", thresholds);
    root.put("flags", d.flags());
    root.put("new_services", d.newServices());
    root.put("vanished_services", d.vanishedServices());
    root.put("new_edges", edges(d.newEdges()));
    root.put("vanished_edges", edges(d.vanishedEdges()));
    List<Map<String, Object>> calls = new ArrayList<>();
    for (GraphDiff.CallChange c : d.callChanges()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("parent", c.parent());
      m.put("child", c.child());
      m.put("calls_before", c.callsBefore());
      m.put("calls_after", c.callsAfter());
      m.put("change_percent", round(c.changePercent(), 2));
      calls.add(m);
    }
    root.put("call_volume_changes", calls);
    Map<String, Object> errors = new LinkedHashMap<>();
    errors.put("test", "chi-square 2x2, Bonferroni over the edges tested");
    errors.put("edges_tested", d.errorRateTests());
    errors.put("p_value_threshold", sig(d.errorRateThreshold()));
    List<Map<String, Object>> changes = new ArrayList<>();
    for (GraphDiff.ErrorRateChange c : d.errorRateChanges()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("parent", c.parent());
      m.put("child", c.child());
      m.put("calls_before", c.callsBefore());
      m.put("errors_before", c.errorsBefore());
      m.put("error_rate_before", round(c.rateBefore(), 6));
      m.put("calls_after", c.callsAfter());
      m.put("errors_after", c.errorsAfter());
      m.put("error_rate_after", round(c.rateAfter(), 6));
      m.put("chi_square", round(c.chiSquare(), 4));
      m.put("p_value", sig(c.pValue()));
      changes.add(m);
    }
    errors.put("changes", changes);
    root.put("error_rate_changes", errors);
    Map<String, Object> latency = new LinkedHashMap<>();
    latency.put("test", "Mann-Whitney U, Bonferroni over the edges tested");
    latency.put("edges_tested", d.latencyTests());
    latency.put("p_value_threshold", sig(d.latencyThreshold()));
    List<Map<String, Object>> regressions = new ArrayList<>();
    for (GraphDiff.LatencyRegression r : d.latencyRegressions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("parent", r.parent());
      m.put("child", r.child());
      m.put("median_before_micros", round(r.medianBeforeMicros(), 1));
      m.put("median_after_micros", round(r.medianAfterMicros(), 1));
      m.put("samples_before", r.samplesBefore());
      m.put("samples_after", r.samplesAfter());
      m.put("p_value", sig(r.pValue()));
      regressions.add(m);
    }
    latency.put("regressions", regressions);
    root.put("latency_regressions", latency);
    return Json.write(root);
  }

  private static List<Map<String, Object>> edges(List<CallStats> edges) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (CallStats e : edges) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("parent", e.parent());
      m.put("child", e.child());
      m.put("calls", e.calls());
      m.put("errors", e.errors());
      out.add(m);
    }
    return out;
  }

  static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }

  /** Four significant digits: p-values span many orders of magnitude. */
  static double sig(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) return v;
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
  }
}
