package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.tables.TableCatalog;
import io.tracegraph.model.CallPatterns;
import io.tracegraph.model.TraceAnalyses;
import io.tracegraph.model.TraceQuality;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * run.json's sections after the links: the tables' schema version, the analyses' options and, for a full day, the
 * clock-skew adjustments per (parent service, child service) pair, the quality totals and distributions, the error
 * totals, the critical-path totals, the call patterns' totals and what the span links came to.
 */
final class RunSections {
  private RunSections() {}

  static Map<String, Object> of(DayResult result) {
    Map<String, Object> sections = new LinkedHashMap<>();
    sections.put(TableCatalog.RUN_JSON_KEY, TableCatalog.VERSION);
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("links_only", result.options().linksOnly());
    options.put("max_skew_ms", result.options().maxSkew().toNanos() / 1e6);
    sections.put("analyses", options);
    if (result instanceof DayResult.Full full) {
      TraceAnalyses analyses = full.analyses();
      sections.put("clock_skew", clockSkew(analyses.quality()));
      sections.put("trace_quality", analyses.quality().totals());
      sections.put("errors", analyses.errors().totals());
      sections.put("critical_path", analyses.criticalPaths().totals());
      sections.put("call_patterns", patternTotals(analyses.patterns()));
      Map<String, Long> links = new LinkedHashMap<>();
      full.spanLinks().forEach((c, n) -> links.put(c.key(), n));
      sections.put("span_links", links);
    }
    return sections;
  }

  /** run.json {@code call_patterns}: the rules' thresholds, and rows, occurrences and time added per pattern. */
  static Map<String, Object> patternTotals(CallPatterns patterns) {
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("n_plus_one_min_calls", patterns.nPlusOne());
    totals.put("fan_out_min_parent_spans", CallPatterns.FAN_OUT_MIN_PARENTS);
    Map<CallPatterns.Pattern, long[]> sums = new EnumMap<>(CallPatterns.Pattern.class);
    for (CallPatterns.Pattern p : CallPatterns.Pattern.values()) sums.put(p, new long[3]);
    for (CallPatterns.Finding f : patterns.findings()) {
      long[] sum = sums.get(f.pattern());
      sum[0]++;
      sum[1] += f.occurrences();
      sum[2] += f.criticalPathAddedNanos();
    }
    sums.forEach((p, sum) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rows", sum[0]);
      m.put("occurrences", sum[1]);
      m.put("critical_path_added_ms", Math.round(sum[2] / 1e3) / 1e3);
      totals.put(p.key(), m);
    });
    return totals;
  }

  /** Pairs whose spans were moved (or would have been, beyond --max-skew), by parent then child service. */
  static List<Map<String, Object>> clockSkew(TraceQuality quality) {
    List<Map<String, Object>> pairs = new ArrayList<>();
    for (TraceQuality.PairRow r : quality.rows()) {
      long adjusted = r.get(TraceQuality.Measure.SKEW_ADJUSTED_SPANS);
      long notApplied = r.get(TraceQuality.Measure.SKEW_NOT_APPLIED);
      if (adjusted == 0 && notApplied == 0) continue;
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("parent", r.pair().caller());
      pair.put("child", r.pair().callee());
      pair.put("adjusted_spans", adjusted);
      pair.put("not_applied", notApplied);
      pair.put("mean_shift_ms", adjusted == 0 ? 0.0
          : Math.round(r.get(TraceQuality.Measure.SKEW_SHIFT_NANOS_TOTAL) / (double) adjusted / 1e3) / 1e3);
      pair.put("max_abs_shift_ms", r.get(TraceQuality.Measure.SKEW_MAX_ABS_SHIFT_NANOS) / 1e6);
      pairs.add(pair);
    }
    return pairs;
  }
}
