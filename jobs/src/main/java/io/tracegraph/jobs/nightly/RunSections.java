package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.tables.TableCatalog;
import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.Exemplar;
import io.tracegraph.model.CallPatterns;
import io.tracegraph.model.TraceAnalyses;
import io.tracegraph.model.TraceQuality;
import io.tracegraph.model.TrafficSummary;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * run.json's sections after the links: the tables' schema version, the analyses' options and, for a full day, the
 * clock-skew adjustments per (parent service, child service) pair, the quality totals and distributions, the error
 * totals, the critical-path totals, the call patterns' totals, what the span links came to and the example traces
 * kept.
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
      sections.put("exemplars", exemplars(full.exemplars(), full.traffic()));
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

  /**
   * The example traces: rows per kind, distinct traces kept, their spans (kept, and in all), the traces that were cut
   * and the span limit that cut them, and the edges' slowest examples with no tree (calls joined across traces
   * through span links after the pass: {@link io.tracegraph.model.Exemplars#select}).
   */
  static Map<String, Object> exemplars(List<Exemplar> exemplars, TrafficSummary traffic) {
    Map<String, Long> byKind = new TreeMap<>();
    for (Exemplar.Kind k : Exemplar.Kind.values()) byKind.put(k.key(), 0L);
    Map<String, CompactTrace> traces = new LinkedHashMap<>();
    for (Exemplar x : exemplars) {
      byKind.merge(x.kind().key(), 1L, Long::sum);
      traces.putIfAbsent(x.traceId().hex(), x.trace());
    }
    long kept = 0;
    long all = 0;
    long cut = 0;
    for (CompactTrace t : traces.values()) {
      kept += t.size();
      all += t.spanCount();
      if (t.isCut()) cut++;
    }
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("rows", byKind);
    section.put("traces", (long) traces.size());
    section.put("spans_kept", kept);
    section.put("spans_in_traces", all);
    section.put("traces_cut", cut);
    section.put("span_limit", CompactTrace.REPORT_SPAN_LIMIT);
    long edgeExamples = traffic.edges().values().stream().mapToLong(e -> e.slowest().examples().size()).sum();
    section.put("edge_examples_without_tree", edgeExamples - byKind.get(Exemplar.Kind.EDGE_SLOWEST.key()));
    return section;
  }
}
