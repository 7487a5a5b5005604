package io.tracegraph.jobs.tables;

import static io.tracegraph.jobs.tables.TableColumn.bool;
import static io.tracegraph.jobs.tables.TableColumn.float64;
import static io.tracegraph.jobs.tables.TableColumn.int32;
import static io.tracegraph.jobs.tables.TableColumn.int64;
import static io.tracegraph.jobs.tables.TableColumn.string;
import static io.tracegraph.jobs.tables.TableColumn.strings;

import io.tracegraph.model.CallPatterns;
import io.tracegraph.model.CriticalPathStats;
import io.tracegraph.model.ErrorOrigins;
import io.tracegraph.model.TopTraces;
import io.tracegraph.model.TraceAnalyses;
import io.tracegraph.model.TraceQuality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The tables of the trace analyses: {@code error_origins}, {@code error_services}, {@code critical_path},
 * {@code trace_quality}, {@code trace_shapes} and {@code call_patterns}, each row one row of the merged {@link TraceAnalyses}, in the model's
 * fixed order. They are written, never read back by tracegraph (other engines read them).
 */
public final class AnalysisTables {
  private AnalysisTables() {}

  /**
   * Where errors started, where they surfaced and how far, with trace counts and example traces; a null service: a
   * span without a service name (v3).
   */
  public static final Table<ErrorOrigins.PathRow> ERROR_ORIGINS = Table.of("error_origins",
      string("origin_service", true, r -> r.path().originService()),
      string("origin_operation", false, r -> r.path().originOperation()),
      string("surfaced_service", true, r -> r.path().surfacedService()),
      string("surfaced_operation", false, r -> r.path().surfacedOperation()),
      string("root_service", true, r -> r.path().rootService()),
      string("root_operation", false, r -> r.path().rootOperation()),
      bool("reached_root", r -> r.path().reachedRoot()),
      int32("hops", r -> r.path().hops()),
      int64("trace_count", false, ErrorOrigins.PathRow::traces),
      int64("origin_count", false, ErrorOrigins.PathRow::origins),
      strings("example_trace_ids", ErrorOrigins.PathRow::exampleTraceIds));

  /**
   * Per service: its error spans, the errors that started in it and the traces it failed or passed failures on; the
   * null service: spans without a service name (v3).
   */
  public static final Table<ErrorOrigins.ServiceRow> ERROR_SERVICES = Table.of("error_services",
      string("service", true, ErrorOrigins.ServiceRow::service),
      int64("error_spans", false, ErrorOrigins.ServiceRow::errorSpans),
      int64("origin_spans", false, ErrorOrigins.ServiceRow::originSpans),
      int64("origin_spans_reached_root", false, ErrorOrigins.ServiceRow::originSpansReachedRoot),
      int64("traces_originated", false, ErrorOrigins.ServiceRow::tracesOriginated),
      int64("traces_passed_on", false, ErrorOrigins.ServiceRow::tracesPassedOn));

  /**
   * Per entry point and operation on its critical paths; a null entry point means all entry points together, a null
   * service a span without a service name (v3).
   */
  public static final Table<CriticalPathStats.Row> CRITICAL_PATH = Table.of("critical_path",
      string("entry_service", true, r -> r.entry() == null ? null : r.entry().service()),
      string("entry_operation", true, r -> r.entry() == null ? null : r.entry().name()),
      string("service", true, r -> r.operation().service()),
      string("operation", false, r -> r.operation().name()),
      int64("trace_count", false, CriticalPathStats.Row::traces),
      int64("critical_nanos", false, CriticalPathStats.Row::criticalNanos),
      float64("share_fastest_50", false, CriticalPathStats.Row::shareFastest50),
      float64("share_fastest_95", false, CriticalPathStats.Row::shareFastest95),
      float64("share_fastest_99", false, CriticalPathStats.Row::shareFastest99),
      float64("share_all", false, CriticalPathStats.Row::shareAll),
      float64("share_slowest_5", false, CriticalPathStats.Row::shareSlowest5),
      string("worst_trace_id", false, CriticalPathStats.Row::worstTraceId),
      int64("worst_trace_critical_nanos", false, CriticalPathStats.Row::worstTraceCriticalNanos),
      int64("entry_trace_count", false, CriticalPathStats.Row::entryTraces),
      int64("entry_duration_nanos", false, CriticalPathStats.Row::entryDurationNanos),
      int64("entry_p50_nanos", false, CriticalPathStats.Row::entryP50Nanos),
      int64("entry_p95_nanos", false, CriticalPathStats.Row::entryP95Nanos),
      int64("entry_p99_nanos", false, CriticalPathStats.Row::entryP99Nanos));

  /** Per (caller, callee) pair: one count per {@link TraceQuality.Measure}, in the enum's order. */
  public static final Table<TraceQuality.PairRow> TRACE_QUALITY = Table.of("trace_quality", qualityColumns());

  /** How traces are shaped: per measure (depth, spans, ...), the traces in each bucket of values. */
  public static final Table<TraceQuality.ShapeBucket> TRACE_SHAPES = Table.of("trace_shapes",
      string("measure", false, TraceQuality.ShapeBucket::measure),
      int64("min", false, TraceQuality.ShapeBucket::min),
      int64("max", false, TraceQuality.ShapeBucket::max),
      int64("trace_count", false, TraceQuality.ShapeBucket::traces));

  // An entry of call_patterns.example_traces: a trace and the time its occurrences added to its critical path.
  static final Table<TopTraces.Example> PATTERN_EXAMPLE = Table.of("example_traces",
      string("trace_id", false, TopTraces.Example::traceIdHex),
      int64("critical_path_added_nanos", false, TopTraces.Example::value));

  /**
   * Tables v3: N+1 loops, retries and fan-outs per (pattern, caller, caller operation, callee, callee operation), with
   * the time they added to the critical path ({@link CallPatterns}).
   */
  public static final Table<CallPatterns.Finding> CALL_PATTERNS = Table.of("call_patterns",
      string("pattern", false, f -> f.pattern().key()),
      string("caller", false, f -> f.key().caller()),
      string("caller_operation", false, f -> f.key().callerOperation()),
      string("callee", false, f -> f.key().callee()),
      string("callee_operation", false, f -> f.key().calleeOperation()),
      int64("occurrences", false, CallPatterns.Finding::occurrences),
      int64("calls", false, CallPatterns.Finding::calls),
      int64("max_calls", false, CallPatterns.Finding::maxCalls),
      int64("threshold_calls", true, CallPatterns.Finding::thresholdCalls),
      int64("parent_spans", false, CallPatterns.Finding::parentSpans),
      int64("traces", false, CallPatterns.Finding::traces),
      int64("critical_path_added_nanos", false, CallPatterns.Finding::criticalPathAddedNanos),
      TableColumn.rows("example_traces", PATTERN_EXAMPLE, CallPatterns.Finding::examples));

  /** The six tables, in writing order. */
  public static final List<Table<?>> TABLES =
      List.of(ERROR_ORIGINS, ERROR_SERVICES, CRITICAL_PATH, TRACE_QUALITY, TRACE_SHAPES, CALL_PATTERNS);

  @SuppressWarnings("unchecked")
  private static ColumnGroup<TraceQuality.PairRow>[] qualityColumns() {
    List<ColumnGroup<TraceQuality.PairRow>> columns = new ArrayList<>();
    columns.add(string("caller", true, r -> r.pair().caller()));
    columns.add(string("callee", true, r -> r.pair().callee()));
    for (TraceQuality.Measure m : TraceQuality.Measure.values()) columns.add(int64(m.key(), false, r -> r.get(m)));
    return columns.toArray(ColumnGroup[]::new);
  }

  /** The rows of every table for the day's analyses, by table name, in writing order. */
  public static Map<String, List<Row>> rows(TraceAnalyses analyses) {
    Map<String, List<Row>> tables = new LinkedHashMap<>();
    tables.put(ERROR_ORIGINS.name(), ERROR_ORIGINS.rows(analyses.errors().pathRows()));
    tables.put(ERROR_SERVICES.name(), ERROR_SERVICES.rows(analyses.errors().serviceRows()));
    tables.put(CRITICAL_PATH.name(), CRITICAL_PATH.rows(analyses.criticalPaths().rows()));
    tables.put(TRACE_QUALITY.name(), TRACE_QUALITY.rows(analyses.quality().rows()));
    tables.put(TRACE_SHAPES.name(), TRACE_SHAPES.rows(analyses.quality().shapeRows()));
    tables.put(CALL_PATTERNS.name(), CALL_PATTERNS.rows(analyses.patterns().findings()));
    return tables;
  }
}
