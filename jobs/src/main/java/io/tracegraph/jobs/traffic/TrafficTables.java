package io.tracegraph.jobs.traffic;

import io.tracegraph.model.CallTimeline;
import io.tracegraph.model.CountDistribution;
import io.tracegraph.model.EdgeCalls;
import io.tracegraph.model.ConnectionType;
import io.tracegraph.model.EdgeKey;
import io.tracegraph.model.EdgeStats;
import io.tracegraph.model.EntryPointKey;
import io.tracegraph.model.EntryPointStats;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.LatencySketch;
import io.tracegraph.model.OperationEdgeKey;
import io.tracegraph.model.OperationKey;
import io.tracegraph.model.SamplingWeight;
import io.tracegraph.model.SpanKind;
import io.tracegraph.model.SpanStats;
import io.tracegraph.model.TopTraces;
import io.tracegraph.model.TrafficSummary;
import io.tracegraph.model.TrafficTotals;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The traffic tables ({@code edges}, {@code operation_edges}, {@code services}, {@code operations},
 * {@code entry_points}, {@code totals}):
 * their schemas, a {@link TrafficSummary} as rows, and stored rows back into a summary (for rollups). Every stored
 * row holds the mergeable state it was computed from (sketches, histograms, examples, caller lists), so a rollup
 * reads tables only, never spans. The one place that converts between the model and these rows.
 */
public final class TrafficTables {
  private TrafficTables() {}

  public static final String EDGES = "edges";
  public static final String OPERATION_EDGES = "operation_edges";
  public static final String SERVICES = "services";
  public static final String OPERATIONS = "operations";
  public static final String ENTRY_POINTS = "entry_points";
  public static final String TOTALS = "totals";
  /** Every traffic table, in writing order. */
  public static final List<String> NAMES = List.of(EDGES, OPERATION_EDGES, SERVICES, OPERATIONS, ENTRY_POINTS, TOTALS);
  /** The tables a day written before tables v3 lacks: a rollup over such a day leaves them out. */
  public static final List<String> SINCE_V3 = List.of(OPERATION_EDGES);

  private static final StructType HISTOGRAM_ENTRY = new StructType()
      .add("calls", DataTypes.LongType, false)
      .add("traces", DataTypes.LongType, false);
  private static final StructType SLOW_EXAMPLE = new StructType()
      .add("trace_id", DataTypes.StringType, false)
      .add("latency_us", DataTypes.DoubleType, false);
  private static final StructType ERROR_EXAMPLE = new StructType()
      .add("trace_id", DataTypes.StringType, false)
      .add("start_unix_nano", DataTypes.LongType, false);
  private static final StructType DOWNSTREAM = new StructType()
      .add("callee", DataTypes.StringType, false)
      .add("calls", DataTypes.LongType, false)
      .add("calls_per_request", DataTypes.DoubleType, false)
      .add("requests", DataTypes.LongType, false);
  private static final ArrayType STRINGS = DataTypes.createArrayType(DataTypes.StringType, false);

  public static final StructType EDGES_SCHEMA;
  public static final StructType OPERATION_EDGES_SCHEMA;
  public static final StructType SERVICES_SCHEMA;
  public static final StructType OPERATIONS_SCHEMA;
  public static final StructType ENTRY_POINTS_SCHEMA;
  public static final StructType TOTALS_SCHEMA = new StructType()
      .add("first_day", DataTypes.DateType, false)
      .add("last_day", DataTypes.DateType, false)
      .add("days", DataTypes.IntegerType, false)
      .add("traces", DataTypes.LongType, false)
      .add("traces_estimated", DataTypes.DoubleType, false)
      .add("spans", DataTypes.LongType, false)
      .add("spans_estimated", DataTypes.DoubleType, false)
      .add("spans_with_sampling_weight", DataTypes.LongType, false);

  static {
    StructType e = new StructType()
        .add("caller", DataTypes.StringType, false)
        .add("callee", DataTypes.StringType, false)
        .add("connection_type", DataTypes.StringType, false)
        .add("broker", DataTypes.StringType, true)
        .add("destination", DataTypes.StringType, true);
    EDGES_SCHEMA = perTraceColumns(latencyColumns(countColumns(e))
        .add("calls_per_hour", DataTypes.createArrayType(DataTypes.LongType, false), false)
        .add("busiest_minute", DataTypes.TimestampType, true)
        .add("busiest_minute_calls", DataTypes.LongType, false))
        .add("via_links", DataTypes.BooleanType, false); // tables v3: days written before have none

    StructType oe = new StructType()
        .add("caller", DataTypes.StringType, false)
        .add("caller_operation", DataTypes.StringType, true)
        .add("callee", DataTypes.StringType, false)
        .add("callee_operation", DataTypes.StringType, false)
        .add("connection_type", DataTypes.StringType, false)
        .add("via_links", DataTypes.BooleanType, false);
    OPERATION_EDGES_SCHEMA = perTraceColumns(latencyColumns(countColumns(oe)));

    StructType s = new StructType()
        .add("service", DataTypes.StringType, false)
        .add("spans", DataTypes.LongType, false)
        .add("spans_estimated", DataTypes.DoubleType, false)
        .add("server_requests", DataTypes.LongType, false)
        .add("server_requests_estimated", DataTypes.DoubleType, false)
        .add("errors", DataTypes.LongType, false)
        .add("errors_estimated", DataTypes.DoubleType, false)
        .add("error_rate", DataTypes.DoubleType, true)
        .add("error_spans", DataTypes.LongType, false);
    SERVICES_SCHEMA = timelineColumns(groupColumns(LatencyColumns.add(s, "latency")));

    StructType o = new StructType()
        .add("service", DataTypes.StringType, false)
        .add("operation", DataTypes.StringType, false)
        .add("kind", DataTypes.StringType, false)
        .add("spans", DataTypes.LongType, false)
        .add("spans_estimated", DataTypes.DoubleType, false)
        .add("errors", DataTypes.LongType, false)
        .add("errors_estimated", DataTypes.DoubleType, false)
        .add("error_rate", DataTypes.DoubleType, true);
    OPERATIONS_SCHEMA = groupColumns(LatencyColumns.add(o, "latency"));

    StructType p = new StructType()
        .add("service", DataTypes.StringType, false)
        .add("operation", DataTypes.StringType, false)
        .add("requests", DataTypes.LongType, false)
        .add("requests_estimated", DataTypes.DoubleType, false)
        .add("errors", DataTypes.LongType, false)
        .add("errors_estimated", DataTypes.DoubleType, false)
        .add("error_rate", DataTypes.DoubleType, true);
    ENTRY_POINTS_SCHEMA = timelineColumns(LatencyColumns.add(p, "latency")
        .add("trace_share", DataTypes.DoubleType, true)
        .add("downstream", DataTypes.createArrayType(DOWNSTREAM, false), false));
  }

  /** The calls and errors of an edge, observed and estimated, after its key. */
  private static StructType countColumns(StructType s) {
    return s.add("calls", DataTypes.LongType, false)
        .add("calls_estimated", DataTypes.DoubleType, false)
        .add("errors", DataTypes.LongType, false)
        .add("errors_estimated", DataTypes.DoubleType, false)
        .add("error_rate", DataTypes.DoubleType, true);
  }

  /** The client, server and gap latency groups of an edge. */
  private static StructType latencyColumns(StructType s) {
    return LatencyColumns.add(LatencyColumns.add(LatencyColumns.add(s, "client"), "server"), "gap");
  }

  /** Calls per trace, traces and the example traces of an edge. */
  private static StructType perTraceColumns(StructType s) {
    return s.add("calls_per_trace_mean", DataTypes.DoubleType, true)
        .add("calls_per_trace_p99", DataTypes.LongType, true)
        .add("calls_per_trace_max", DataTypes.LongType, true)
        .add("calls_per_trace_histogram", DataTypes.createArrayType(HISTOGRAM_ENTRY, false), false)
        .add("traces", DataTypes.LongType, false)
        .add("trace_share", DataTypes.DoubleType, true)
        .add("slowest_traces", DataTypes.createArrayType(SLOW_EXAMPLE, false), false)
        .add("latest_error_traces", DataTypes.createArrayType(ERROR_EXAMPLE, false), false);
  }

  /**
   * Tables v2: when a service's served requests or an entry point's requests started, as the edges' columns of the
   * same names. Nullable: null in a rollup that merged a day stored before v2 (readers of v1 days see null too).
   */
  private static StructType timelineColumns(StructType s) {
    return s.add("calls_per_hour", DataTypes.createArrayType(DataTypes.LongType, false), true)
        .add("busiest_minute", DataTypes.TimestampType, true)
        .add("busiest_minute_calls", DataTypes.LongType, true);
  }

  /** The columns services and operations share after their latency: self time, traces, reach, callers, callees. */
  private static StructType groupColumns(StructType s) {
    return LatencyColumns.add(s, "self_time")
        .add("self_time_total_ms", DataTypes.DoubleType, false)
        .add("traces", DataTypes.LongType, false)
        .add("reach", DataTypes.DoubleType, true)
        .add("caller_count", DataTypes.IntegerType, false)
        .add("callers", STRINGS, false)
        .add("callee_count", DataTypes.IntegerType, false)
        .add("callees", STRINGS, false);
  }

  public static StructType schema(String table) {
    return switch (table) {
      case EDGES -> EDGES_SCHEMA;
      case OPERATION_EDGES -> OPERATION_EDGES_SCHEMA;
      case SERVICES -> SERVICES_SCHEMA;
      case OPERATIONS -> OPERATIONS_SCHEMA;
      case ENTRY_POINTS -> ENTRY_POINTS_SCHEMA;
      case TOTALS -> TOTALS_SCHEMA;
      default -> throw new IllegalArgumentException("no traffic table " + table);
    };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Summary -> rows

  /**
   * The rows of every table for {@code traffic}, a summary of the days {@code first} to {@code last}, each table's
   * rows in key order.
   */
  public static Map<String, List<Row>> rows(TrafficSummary traffic, LocalDate first, LocalDate last) {
    TrafficTotals totals = traffic.totals();
    Map<String, List<Row>> tables = new LinkedHashMap<>();
    List<Row> edges = new ArrayList<>();
    traffic.edges().forEach((k, e) -> edges.add(edgeRow(k, e, totals.traces())));
    tables.put(EDGES, edges);
    List<Row> operationEdges = new ArrayList<>();
    traffic.operationEdges().forEach((k, e) -> operationEdges.add(operationEdgeRow(k, e, totals.traces())));
    tables.put(OPERATION_EDGES, operationEdges);
    List<Row> services = new ArrayList<>();
    traffic.services().forEach((name, s) -> services.add(serviceRow(name, s, traffic.callersOf(name),
        traffic.calleesOf(name), totals.traces())));
    tables.put(SERVICES, services);
    List<Row> operations = new ArrayList<>();
    traffic.operations().forEach((k, s) -> operations.add(operationRow(k, s, totals.traces())));
    tables.put(OPERATIONS, operations);
    List<Row> entries = new ArrayList<>();
    traffic.entryPoints().forEach((k, e) -> entries.add(entryRow(k, e, totals.traces())));
    tables.put(ENTRY_POINTS, entries);
    int days = (int) (last.toEpochDay() - first.toEpochDay() + 1);
    tables.put(TOTALS, List.of(row(TOTALS_SCHEMA, first, last, days, totals.traces(),
        SamplingWeight.toDouble(totals.tracesWeighted()), totals.spans(), SamplingWeight.toDouble(totals.spansWeighted()),
        totals.spansWithSamplingWeight())));
    return tables;
  }

  private static Row edgeRow(EdgeKey k, EdgeStats e, long traces) {
    List<Object> v = new ArrayList<>(EDGES_SCHEMA.size());
    v.add(k.caller());
    v.add(k.callee());
    v.add(k.type().key());
    v.add(k.broker());
    v.add(k.destination());
    countAndLatencyValues(v, e.callStats());
    timelineValues(v, e.timeline());
    perTraceValues(v, e.callStats(), traces);
    v.add(k.viaLinks());
    return row(EDGES_SCHEMA, v);
  }

  private static Row operationEdgeRow(OperationEdgeKey k, EdgeCalls e, long traces) {
    List<Object> v = new ArrayList<>(OPERATION_EDGES_SCHEMA.size());
    v.add(k.caller());
    v.add(k.callerOperation());
    v.add(k.callee());
    v.add(k.calleeOperation());
    v.add(k.type().key());
    v.add(k.viaLinks());
    countAndLatencyValues(v, e);
    perTraceValues(v, e, traces);
    return row(OPERATION_EDGES_SCHEMA, v);
  }

  /** {@link #countColumns} and {@link #latencyColumns}. */
  private static void countAndLatencyValues(List<Object> v, EdgeCalls e) {
    v.add(e.calls());
    v.add(SamplingWeight.toDouble(e.callsWeighted()));
    v.add(e.errors());
    v.add(SamplingWeight.toDouble(e.errorsWeighted()));
    v.add(ratio(e.errors(), e.calls()));
    LatencyColumns.values(v, e.client());
    LatencyColumns.values(v, e.server());
    LatencyColumns.values(v, e.gap());
  }

  /** {@link #perTraceColumns}. */
  private static void perTraceValues(List<Object> v, EdgeCalls e, long traces) {
    CountDistribution perTrace = e.callsPerTrace();
    v.add(perTrace.count() == 0 ? null : perTrace.mean());
    v.add(perTrace.count() == 0 ? null : perTrace.quantile(0.99));
    v.add(perTrace.count() == 0 ? null : perTrace.max());
    List<Row> histogram = new ArrayList<>();
    for (CountDistribution.Entry h : perTrace.entries()) histogram.add(row(HISTOGRAM_ENTRY, h.value(), h.times()));
    v.add(histogram);
    v.add(e.traces());
    v.add(ratio(e.traces(), traces));
    List<Row> slowest = new ArrayList<>();
    for (TopTraces.Example x : e.slowest().examples()) {
      slowest.add(row(SLOW_EXAMPLE, x.traceIdHex(), LatencyColumns.micros(x.value())));
    }
    v.add(slowest);
    List<Row> errors = new ArrayList<>();
    for (TopTraces.Example x : e.latestErrors().examples()) errors.add(row(ERROR_EXAMPLE, x.traceIdHex(), x.value()));
    v.add(errors);
  }

  private static Row serviceRow(String name, SpanStats s, List<String> callers, List<String> callees, long traces) {
    List<Object> v = new ArrayList<>(SERVICES_SCHEMA.size());
    v.add(name);
    v.add(s.spans());
    v.add(SamplingWeight.toDouble(s.spansWeighted()));
    v.add(s.requests());
    v.add(SamplingWeight.toDouble(s.requestsWeighted()));
    v.add(s.errors());
    v.add(SamplingWeight.toDouble(s.errorsWeighted()));
    v.add(ratio(s.errors(), s.requests()));
    v.add(s.errorSpans());
    LatencyColumns.values(v, s.latency());
    groupValues(v, s, callers, callees, traces);
    timelineValues(v, s.served());
    return row(SERVICES_SCHEMA, v);
  }

  private static Row operationRow(OperationKey k, SpanStats s, long traces) {
    List<Object> v = new ArrayList<>(OPERATIONS_SCHEMA.size());
    v.add(k.service());
    v.add(k.operation());
    v.add(k.kind().name());
    v.add(s.spans());
    v.add(SamplingWeight.toDouble(s.spansWeighted()));
    v.add(s.errors());
    v.add(SamplingWeight.toDouble(s.errorsWeighted()));
    v.add(ratio(s.errors(), s.spans()));
    LatencyColumns.values(v, s.latency());
    groupValues(v, s, s.callers(), s.callees(), traces);
    return row(OPERATIONS_SCHEMA, v);
  }

  private static void groupValues(List<Object> v, SpanStats s, List<String> callers, List<String> callees,
                                  long traces) {
    LatencyColumns.values(v, s.selfTime());
    v.add(s.selfTime().sumNanos() / 1e6);
    v.add(s.traces());
    v.add(ratio(s.traces(), traces));
    v.add(callers.size());
    v.add(callers);
    v.add(callees.size());
    v.add(callees);
  }

  private static Row entryRow(EntryPointKey k, EntryPointStats e, long traces) {
    List<Object> v = new ArrayList<>(ENTRY_POINTS_SCHEMA.size());
    v.add(k.service());
    v.add(k.operation());
    v.add(e.requests());
    v.add(SamplingWeight.toDouble(e.requestsWeighted()));
    v.add(e.errors());
    v.add(SamplingWeight.toDouble(e.errorsWeighted()));
    v.add(ratio(e.errors(), e.requests()));
    LatencyColumns.values(v, e.latency());
    v.add(ratio(e.requests(), traces));
    List<Row> downstream = new ArrayList<>();
    for (EntryPointStats.Downstream d : e.downstream()) {
      downstream.add(row(DOWNSTREAM, d.callee(), d.calls(), (double) d.calls() / e.requests(), d.requests()));
    }
    v.add(downstream);
    timelineValues(v, e.timeline());
    return row(ENTRY_POINTS_SCHEMA, v);
  }

  /** calls_per_hour, busiest_minute, busiest_minute_calls; all null for an unknown timeline (see timelineColumns). */
  private static void timelineValues(List<Object> v, CallTimeline timeline) {
    if (timeline == null) {
      v.add(null);
      v.add(null);
      v.add(null);
      return;
    }
    v.add(boxed(timeline.hours()));
    CallTimeline.BusyMinute busiest = timeline.busiest();
    v.add(busiest == null ? null : Instant.ofEpochSecond(busiest.epochMinute() * 60));
    v.add(busiest == null ? 0L : busiest.calls());
  }

  private static Row row(StructType schema, List<Object> values) {
    return new GenericRowWithSchema(values.toArray(), schema);
  }

  private static Row row(StructType schema, Object... values) {
    return new GenericRowWithSchema(values, schema);
  }

  /** An array column as a Java list: a Java list in rows made here, a Scala sequence in rows read by Spark. */
  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Row row, String column) {
    Object value = row.get(row.fieldIndex(column));
    if (value instanceof List<?> list) return (List<T>) list;
    if (value instanceof scala.collection.Seq<?> seq) return (List<T>) CollectionConverters.asJava(seq);
    throw new IllegalArgumentException("column " + column + " is not an array: " + value);
  }

  private static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  private static List<Long> boxed(long[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Stored rows -> summary

  /** Merges one stored row of {@code table} (as read from Parquet, or as {@link #rows} made it) into {@code into}. */
  public static void mergeRow(TrafficSummary into, String table, Row row) {
    switch (table) {
      case EDGES -> into.mergeEdge(edgeKey(row), edgeStats(row));
      case OPERATION_EDGES -> into.mergeOperationEdge(operationEdgeKey(row), edgeCalls(row));
      case SERVICES -> into.mergeService(row.getAs("service"), spanStats(row, true));
      case OPERATIONS -> into.mergeOperation(new OperationKey(row.getAs("service"), row.getAs("operation"),
          SpanKind.valueOf(row.getAs("kind"))), spanStats(row, false));
      case ENTRY_POINTS -> into.mergeEntryPoint(new EntryPointKey(row.getAs("service"), row.getAs("operation")),
          entryStats(row));
      case TOTALS -> into.mergeTotals(new TrafficTotals(row.getAs("traces"), fixed(row, "traces_estimated"),
          row.getAs("spans"), fixed(row, "spans_estimated"), row.getAs("spans_with_sampling_weight")));
      default -> throw new IllegalArgumentException("no traffic table " + table);
    }
  }

  private static EdgeKey edgeKey(Row row) {
    return new EdgeKey(row.getAs("caller"), row.getAs("callee"), ConnectionType.ofKey(row.getAs("connection_type")),
        row.getAs("broker"), row.getAs("destination"), viaLinks(row));
  }

  private static OperationEdgeKey operationEdgeKey(Row row) {
    return new OperationEdgeKey(row.getAs("caller"), row.getAs("caller_operation"), row.getAs("callee"),
        row.getAs("callee_operation"), ConnectionType.ofKey(row.getAs("connection_type")), viaLinks(row));
  }

  /** {@code via_links}; false on a day written before tables v3 (no messages through span links were told apart). */
  private static boolean viaLinks(Row row) {
    int i = row.fieldIndex("via_links");
    return !row.isNullAt(i) && row.getBoolean(i);
  }

  /** The stored timeline columns of a row; null when the row has none (a day stored before tables v2). */
  private static CallTimeline timeline(Row row) {
    if (row.isNullAt(row.fieldIndex("calls_per_hour"))) return null;
    List<Long> hourList = list(row, "calls_per_hour");
    long[] hours = hourList.stream().mapToLong(Long::longValue).toArray();
    Object busiestAt = row.getAs("busiest_minute");
    CallTimeline.BusyMinute busiest = busiestAt == null ? null
        : new CallTimeline.BusyMinute(Math.floorDiv(instant(busiestAt).getEpochSecond(), 60),
            row.<Long>getAs("busiest_minute_calls"));
    return CallTimeline.restore(hours, busiest);
  }

  private static EdgeStats edgeStats(Row row) {
    CallTimeline timeline = timeline(row);
    if (timeline == null) throw new IllegalArgumentException("column calls_per_hour is null");
    return EdgeStats.restore(edgeCalls(row), timeline);
  }

  /** The columns an edge and an operation edge share, back into their calls. */
  private static EdgeCalls edgeCalls(Row row) {
    CountDistribution perTrace = new CountDistribution();
    for (Row h : TrafficTables.<Row>list(row, "calls_per_trace_histogram")) perTrace.add(h.getLong(0), h.getLong(1));
    TopTraces slowest = new TopTraces();
    for (Row x : TrafficTables.<Row>list(row, "slowest_traces")) {
      String id = x.getString(0);
      slowest.add(HexIds.traceHigh(id), HexIds.traceLow(id), Math.round(x.getDouble(1) * 1000));
    }
    TopTraces errors = new TopTraces();
    for (Row x : TrafficTables.<Row>list(row, "latest_error_traces")) {
      String id = x.getString(0);
      errors.add(HexIds.traceHigh(id), HexIds.traceLow(id), x.getLong(1));
    }
    return EdgeCalls.restore(row.getAs("calls"), fixed(row, "calls_estimated"), row.getAs("errors"),
        fixed(row, "errors_estimated"), LatencyColumns.read(row, "client"), LatencyColumns.read(row, "server"),
        LatencyColumns.read(row, "gap"), perTrace, slowest, errors);
  }

  /** A service's (requests: server requests) or an operation's (requests: its spans) stored statistics. */
  private static SpanStats spanStats(Row row, boolean service) {
    long spans = row.getAs("spans");
    long spansWeighted = fixed(row, "spans_estimated");
    long errors = row.getAs("errors");
    long errorsWeighted = fixed(row, "errors_estimated");
    long requests = service ? row.<Long>getAs("server_requests") : spans;
    long requestsWeighted = service ? fixed(row, "server_requests_estimated") : spansWeighted;
    long errorSpans = service ? row.<Long>getAs("error_spans") : errors;
    // A service's callers and callees are recomputed from the merged edges; an operation's are merged. Only
    // services have a timeline of served requests; an operation's is empty.
    List<String> callers = service ? List.of() : list(row, "callers");
    List<String> callees = service ? List.of() : list(row, "callees");
    return SpanStats.restore(spans, spansWeighted, requests, requestsWeighted, errors, errorsWeighted, errorSpans,
        row.getAs("traces"), LatencyColumns.read(row, "latency"), LatencyColumns.read(row, "self_time"), callers,
        callees, service ? timeline(row) : new CallTimeline());
  }

  private static EntryPointStats entryStats(Row row) {
    List<EntryPointStats.Downstream> downstream = new ArrayList<>();
    for (Row d : TrafficTables.<Row>list(row, "downstream")) {
      downstream.add(new EntryPointStats.Downstream(d.getString(0), d.getLong(1), d.getLong(3)));
    }
    return EntryPointStats.restore(row.getAs("requests"), fixed(row, "requests_estimated"), row.getAs("errors"),
        fixed(row, "errors_estimated"), LatencyColumns.read(row, "latency"), downstream, timeline(row));
  }

  private static long fixed(Row row, String column) {
    return SamplingWeight.fromDouble(row.<Double>getAs(column));
  }

  private static Instant instant(Object value) {
    return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
  }
}
