package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.tables.TableCatalog;
import io.tracegraph.model.TraceAnalyses;
import io.tracegraph.model.TraceQuality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * run.json's sections after the links: the tables' schema version, the analyses' options and, for a full day, the
 * clock-skew adjustments per (parent service, child service) pair, the quality totals and distributions, the error
 * totals and the critical-path totals.
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
    }
    return sections;
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
