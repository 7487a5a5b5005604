package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.io.DayOutput;
import io.tracegraph.model.CallPatterns;
import io.tracegraph.model.CriticalPathStats;
import io.tracegraph.model.ErrorOrigins;
import io.tracegraph.model.TraceAnalyses;
import io.tracegraph.model.TopTraces;
import io.tracegraph.model.TraceQuality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The tables of the trace analyses (error origins, critical paths, trace quality, call patterns) and their run.json
 * sections: one
 * schema per table and the one conversion of the merged {@link TraceAnalyses} into rows, in the model's fixed order.
 */
public final class AnalysisTables {
  public static final String ERROR_ORIGINS = "error_origins";
  public static final String ERROR_SERVICES = "error_services";
  public static final String CRITICAL_PATH = "critical_path";
  public static final String TRACE_QUALITY = "trace_quality";
  public static final String TRACE_SHAPES = "trace_shapes";
  public static final String CALL_PATTERNS = "call_patterns";

  /** Schema of {@code OUT/tables/error_origins/date=D/}; a null service: a span without a service name (v3). */
  public static final StructType ERROR_ORIGINS_SCHEMA = new StructType()
      .add("origin_service", DataTypes.StringType, true)
      .add("origin_operation", DataTypes.StringType, false)
      .add("surfaced_service", DataTypes.StringType, true)
      .add("surfaced_operation", DataTypes.StringType, false)
      .add("root_service", DataTypes.StringType, true)
      .add("root_operation", DataTypes.StringType, false)
      .add("reached_root", DataTypes.BooleanType, false)
      .add("hops", DataTypes.IntegerType, false)
      .add("trace_count", DataTypes.LongType, false)
      .add("origin_count", DataTypes.LongType, false)
      .add("example_trace_ids", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /** Schema of {@code OUT/tables/error_services/date=D/}; the null service: spans without a service name (v3). */
  public static final StructType ERROR_SERVICES_SCHEMA = new StructType()
      .add("service", DataTypes.StringType, true)
      .add("error_spans", DataTypes.LongType, false)
      .add("origin_spans", DataTypes.LongType, false)
      .add("origin_spans_reached_root", DataTypes.LongType, false)
      .add("traces_originated", DataTypes.LongType, false)
      .add("traces_passed_on", DataTypes.LongType, false);

  /**
   * Schema of {@code OUT/tables/critical_path/date=D/}; a null entry point means all entry points together, a null
   * service a span without a service name (v3).
   */
  public static final StructType CRITICAL_PATH_SCHEMA = new StructType()
      .add("entry_service", DataTypes.StringType, true)
      .add("entry_operation", DataTypes.StringType, true)
      .add("service", DataTypes.StringType, true)
      .add("operation", DataTypes.StringType, false)
      .add("trace_count", DataTypes.LongType, false)
      .add("critical_nanos", DataTypes.LongType, false)
      .add("share_fastest_50", DataTypes.DoubleType, false)
      .add("share_fastest_95", DataTypes.DoubleType, false)
      .add("share_fastest_99", DataTypes.DoubleType, false)
      .add("share_all", DataTypes.DoubleType, false)
      .add("share_slowest_5", DataTypes.DoubleType, false)
      .add("worst_trace_id", DataTypes.StringType, false)
      .add("worst_trace_critical_nanos", DataTypes.LongType, false)
      .add("entry_trace_count", DataTypes.LongType, false)
      .add("entry_duration_nanos", DataTypes.LongType, false)
      .add("entry_p50_nanos", DataTypes.LongType, false)
      .add("entry_p95_nanos", DataTypes.LongType, false)
      .add("entry_p99_nanos", DataTypes.LongType, false);

  /** Schema of {@code OUT/tables/trace_quality/date=D/}: the pair, then one count per {@link TraceQuality.Measure}. */
  public static final StructType TRACE_QUALITY_SCHEMA = qualitySchema();

  /** Schema of {@code OUT/tables/trace_shapes/date=D/}. */
  public static final StructType TRACE_SHAPES_SCHEMA = new StructType()
      .add("measure", DataTypes.StringType, false)
      .add("min", DataTypes.LongType, false)
      .add("max", DataTypes.LongType, false)
      .add("trace_count", DataTypes.LongType, false);

  private static final StructType PATTERN_EXAMPLE = new StructType()
      .add("trace_id", DataTypes.StringType, false)
      .add("critical_path_added_nanos", DataTypes.LongType, false);

  /** Schema of {@code OUT/tables/call_patterns/date=D/} (tables v3). */
  public static final StructType CALL_PATTERNS_SCHEMA = new StructType()
      .add("pattern", DataTypes.StringType, false)
      .add("caller", DataTypes.StringType, false)
      .add("caller_operation", DataTypes.StringType, false)
      .add("callee", DataTypes.StringType, false)
      .add("callee_operation", DataTypes.StringType, false)
      .add("occurrences", DataTypes.LongType, false)
      .add("calls", DataTypes.LongType, false)
      .add("max_calls", DataTypes.LongType, false)
      .add("threshold_calls", DataTypes.LongType, true)
      .add("parent_spans", DataTypes.LongType, false)
      .add("traces", DataTypes.LongType, false)
      .add("critical_path_added_nanos", DataTypes.LongType, false)
      .add("example_traces", DataTypes.createArrayType(PATTERN_EXAMPLE, false), false);

  private AnalysisTables() {}

  private static StructType qualitySchema() {
    StructType schema = new StructType()
        .add("caller", DataTypes.StringType, true)
        .add("callee", DataTypes.StringType, true);
    for (TraceQuality.Measure m : TraceQuality.Measure.values()) schema = schema.add(m.key(), DataTypes.LongType, false);
    return schema;
  }

  /** Writes the six tables of the day; returns the rows written per table. */
  public static Map<String, Integer> write(SparkSession spark, DayOutput output, TraceAnalyses analyses) {
    Map<String, Integer> written = new LinkedHashMap<>();
    write(spark, output, ERROR_ORIGINS, ERROR_ORIGINS_SCHEMA, errorOriginRows(analyses.errors()), written);
    write(spark, output, ERROR_SERVICES, ERROR_SERVICES_SCHEMA, errorServiceRows(analyses.errors()), written);
    write(spark, output, CRITICAL_PATH, CRITICAL_PATH_SCHEMA, criticalPathRows(analyses.criticalPaths()), written);
    write(spark, output, TRACE_QUALITY, TRACE_QUALITY_SCHEMA, qualityRows(analyses.quality()), written);
    write(spark, output, TRACE_SHAPES, TRACE_SHAPES_SCHEMA, shapeRows(analyses.quality()), written);
    write(spark, output, CALL_PATTERNS, CALL_PATTERNS_SCHEMA, patternRows(analyses.patterns()), written);
    return written;
  }

  private static void write(SparkSession spark, DayOutput output, String table, StructType schema, List<Row> rows,
                            Map<String, Integer> written) {
    output.writeTable(spark, table, schema, rows);
    written.put(table, rows.size());
  }

  static List<Row> errorOriginRows(ErrorOrigins errors) {
    List<Row> rows = new ArrayList<>();
    for (ErrorOrigins.PathRow r : errors.pathRows()) {
      ErrorOrigins.ErrorPath p = r.path();
      rows.add(RowFactory.create(p.originService(), p.originOperation(), p.surfacedService(), p.surfacedOperation(),
          p.rootService(), p.rootOperation(), p.reachedRoot(), p.hops(), r.traces(), r.origins(),
          r.exampleTraceIds().toArray(String[]::new)));
    }
    return rows;
  }

  static List<Row> errorServiceRows(ErrorOrigins errors) {
    List<Row> rows = new ArrayList<>();
    for (ErrorOrigins.ServiceRow r : errors.serviceRows()) {
      rows.add(RowFactory.create(r.service(), r.errorSpans(), r.originSpans(), r.originSpansReachedRoot(),
          r.tracesOriginated(), r.tracesPassedOn()));
    }
    return rows;
  }

  static List<Row> criticalPathRows(CriticalPathStats stats) {
    List<Row> rows = new ArrayList<>();
    for (CriticalPathStats.Row r : stats.rows()) {
      rows.add(RowFactory.create(r.entry() == null ? null : r.entry().service(),
          r.entry() == null ? null : r.entry().name(), r.operation().service(), r.operation().name(), r.traces(),
          r.criticalNanos(), r.shareFastest50(), r.shareFastest95(), r.shareFastest99(), r.shareAll(),
          r.shareSlowest5(), r.worstTraceId(), r.worstTraceCriticalNanos(), r.entryTraces(), r.entryDurationNanos(),
          r.entryP50Nanos(), r.entryP95Nanos(), r.entryP99Nanos()));
    }
    return rows;
  }

  static List<Row> qualityRows(TraceQuality quality) {
    List<Row> rows = new ArrayList<>();
    for (TraceQuality.PairRow r : quality.rows()) {
      Object[] values = new Object[2 + r.counts().length];
      values[0] = r.pair().caller();
      values[1] = r.pair().callee();
      for (int i = 0; i < r.counts().length; i++) values[2 + i] = r.counts()[i];
      rows.add(RowFactory.create(values));
    }
    return rows;
  }

  static List<Row> shapeRows(TraceQuality quality) {
    List<Row> rows = new ArrayList<>();
    for (TraceQuality.ShapeBucket b : quality.shapeRows()) {
      rows.add(RowFactory.create(b.measure(), b.min(), b.max(), b.traces()));
    }
    return rows;
  }

  static List<Row> patternRows(CallPatterns patterns) {
    List<Row> rows = new ArrayList<>();
    for (CallPatterns.Finding f : patterns.findings()) {
      List<Row> examples = new ArrayList<>();
      for (TopTraces.Example x : f.examples()) {
        examples.add(new GenericRowWithSchema(new Object[] {x.traceIdHex(), x.value()}, PATTERN_EXAMPLE));
      }
      rows.add(RowFactory.create(f.pattern().key(), f.key().caller(), f.key().callerOperation(), f.key().callee(),
          f.key().calleeOperation(), f.occurrences(), f.calls(), f.maxCalls(), f.thresholdCalls(), f.parentSpans(),
          f.traces(), f.criticalPathAddedNanos(), examples));
    }
    return rows;
  }

  /**
   * The run.json sections: the options, the clock-skew adjustments per (parent service, child service) pair, the
   * quality totals and distributions, the error totals and the critical-path totals.
   */
  public static Map<String, Object> runSections(TraceAnalyses analyses) {
    Map<String, Object> sections = new LinkedHashMap<>();
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("links_only", analyses.options().linksOnly());
    options.put("max_skew_ms", analyses.options().maxSkew().toNanos() / 1e6);
    sections.put("analyses", options);
    if (analyses.options().linksOnly()) return sections;
    sections.put("clock_skew", clockSkew(analyses.quality()));
    sections.put("trace_quality", analyses.quality().totals());
    sections.put("errors", analyses.errors().totals());
    sections.put("critical_path", analyses.criticalPaths().totals());
    sections.put("call_patterns", patternTotals(analyses.patterns()));
    return sections;
  }

  /** run.json {@code call_patterns}: the rule's N, and occurrences and time added per pattern. */
  static Map<String, Object> patternTotals(CallPatterns patterns) {
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("n_plus_one_min_calls", patterns.nPlusOne());
    totals.put("fan_out_min_parent_spans", CallPatterns.FAN_OUT_MIN_PARENTS);
    Map<CallPatterns.Pattern, long[]> sums = new java.util.EnumMap<>(CallPatterns.Pattern.class);
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
