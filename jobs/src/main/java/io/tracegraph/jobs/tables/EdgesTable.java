package io.tracegraph.jobs.tables;

import static io.tracegraph.jobs.tables.TableColumn.estimate;
import static io.tracegraph.jobs.tables.TableColumn.float64;
import static io.tracegraph.jobs.tables.TableColumn.int64;
import static io.tracegraph.jobs.tables.TableColumn.ratio;
import static io.tracegraph.jobs.tables.TableColumn.rows;
import static io.tracegraph.jobs.tables.TableColumn.string;

import io.tracegraph.model.ConnectionType;
import io.tracegraph.model.CountDistribution;
import io.tracegraph.model.EdgeKey;
import io.tracegraph.model.EdgeStats;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.TopTraces;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * {@code edges}: one row per (caller, callee, connection type, broker, destination) with the calls, errors, the
 * latency seen by the client, by the server and the gap between them, when the calls started, how many per trace,
 * and example traces. Each row keeps the mergeable state it was computed from (sketches, the calls-per-trace
 * histogram, the examples), so {@link #restore} gives the edge back exactly, for rollups and the diff.
 */
public final class EdgesTable {
  private EdgesTable() {}

  /** What a row is made of: the edge, its statistics and the day's (or range's) trace count. */
  public record EdgeRow(EdgeKey key, EdgeStats stats, long traces) {}

  // An entry of calls_per_trace_histogram: how many traces made that many calls on the edge.
  static final TableColumn<CountDistribution.Entry, Long> HISTOGRAM_CALLS =
      int64("calls", false, CountDistribution.Entry::value);
  static final TableColumn<CountDistribution.Entry, Long> HISTOGRAM_TRACES =
      int64("traces", false, CountDistribution.Entry::times);
  static final Table<CountDistribution.Entry> HISTOGRAM_ENTRY =
      Table.of("calls_per_trace_histogram", HISTOGRAM_CALLS, HISTOGRAM_TRACES);

  // An entry of slowest_traces: a trace and its slowest call on the edge, in microseconds.
  static final TableColumn<TopTraces.Example, String> SLOW_TRACE_ID =
      string("trace_id", false, TopTraces.Example::traceIdHex);
  static final TableColumn<TopTraces.Example, Double> SLOW_LATENCY =
      float64("latency_us", false, x -> LatencyColumns.micros(x.value()));
  static final Table<TopTraces.Example> SLOW_EXAMPLE = Table.of("slowest_traces", SLOW_TRACE_ID, SLOW_LATENCY);

  // An entry of latest_error_traces: a trace and the start of its latest failed call on the edge.
  static final TableColumn<TopTraces.Example, String> ERROR_TRACE_ID =
      string("trace_id", false, TopTraces.Example::traceIdHex);
  static final TableColumn<TopTraces.Example, Long> ERROR_START =
      int64("start_unix_nano", false, TopTraces.Example::value);
  static final Table<TopTraces.Example> ERROR_EXAMPLE = Table.of("latest_error_traces", ERROR_TRACE_ID, ERROR_START);

  static final TableColumn<EdgeRow, String> CALLER = string("caller", false, r -> r.key().caller());
  static final TableColumn<EdgeRow, String> CALLEE = string("callee", false, r -> r.key().callee());
  static final TableColumn<EdgeRow, String> CONNECTION_TYPE =
      string("connection_type", false, r -> r.key().type().key());
  static final TableColumn<EdgeRow, String> BROKER = string("broker", true, r -> r.key().broker());
  static final TableColumn<EdgeRow, String> DESTINATION = string("destination", true, r -> r.key().destination());
  static final TableColumn<EdgeRow, Long> CALLS = int64("calls", false, r -> r.stats().calls());
  static final TableColumn<EdgeRow, Long> CALLS_ESTIMATED = estimate("calls_estimated", r -> r.stats().callsWeighted());
  static final TableColumn<EdgeRow, Long> ERRORS = int64("errors", false, r -> r.stats().errors());
  static final TableColumn<EdgeRow, Long> ERRORS_ESTIMATED =
      estimate("errors_estimated", r -> r.stats().errorsWeighted());
  static final LatencyColumns<EdgeRow> CLIENT = LatencyColumns.of("client", r -> r.stats().client());
  static final LatencyColumns<EdgeRow> SERVER = LatencyColumns.of("server", r -> r.stats().server());
  static final LatencyColumns<EdgeRow> GAP = LatencyColumns.of("gap", r -> r.stats().gap());
  static final TimelineColumns<EdgeRow> TIMELINE = TimelineColumns.of(r -> r.stats().timeline());
  static final TableColumn<EdgeRow, List<Row>> HISTOGRAM =
      rows("calls_per_trace_histogram", HISTOGRAM_ENTRY, r -> r.stats().callsPerTrace().entries());
  static final TableColumn<EdgeRow, List<Row>> SLOWEST =
      rows("slowest_traces", SLOW_EXAMPLE, r -> r.stats().slowest().examples());
  static final TableColumn<EdgeRow, List<Row>> LATEST_ERRORS =
      rows("latest_error_traces", ERROR_EXAMPLE, r -> r.stats().latestErrors().examples());

  public static final Table<EdgeRow> TABLE = Table.of("edges",
      CALLER, CALLEE, CONNECTION_TYPE, BROKER, DESTINATION, CALLS, CALLS_ESTIMATED, ERRORS, ERRORS_ESTIMATED,
      ratio("error_rate", r -> r.stats().errors(), r -> r.stats().calls()),
      CLIENT, SERVER, GAP, TIMELINE,
      float64("calls_per_trace_mean", true, r -> perTrace(r).count() == 0 ? null : perTrace(r).mean()),
      int64("calls_per_trace_p99", true, r -> perTrace(r).count() == 0 ? null : perTrace(r).quantile(0.99)),
      int64("calls_per_trace_max", true, r -> perTrace(r).count() == 0 ? null : perTrace(r).max()),
      HISTOGRAM,
      int64("traces", false, r -> r.stats().traces()),
      ratio("trace_share", r -> r.stats().traces(), EdgeRow::traces),
      SLOWEST, LATEST_ERRORS);

  private static CountDistribution perTrace(EdgeRow r) {
    return r.stats().callsPerTrace();
  }

  /** The edge's key as stored in {@code row}. */
  public static EdgeKey key(Row row) {
    return new EdgeKey(CALLER.read(row), CALLEE.read(row), ConnectionType.ofKey(CONNECTION_TYPE.read(row)),
        BROKER.read(row), DESTINATION.read(row));
  }

  /** The edge's statistics as stored in {@code row}: exactly the state the row was made from. */
  public static EdgeStats restore(Row row) {
    CountDistribution perTrace = new CountDistribution();
    for (Row h : HISTOGRAM.read(row)) perTrace.add(HISTOGRAM_CALLS.read(h), HISTOGRAM_TRACES.read(h));
    TopTraces slowest = new TopTraces();
    for (Row x : SLOWEST.read(row)) add(slowest, SLOW_TRACE_ID.read(x), Math.round(SLOW_LATENCY.read(x) * 1000));
    TopTraces errors = new TopTraces();
    for (Row x : LATEST_ERRORS.read(row)) add(errors, ERROR_TRACE_ID.read(x), ERROR_START.read(x));
    return EdgeStats.restore(CALLS.read(row), CALLS_ESTIMATED.read(row), ERRORS.read(row), ERRORS_ESTIMATED.read(row),
        CLIENT.read(row), SERVER.read(row), GAP.read(row), TIMELINE.read(row), perTrace, slowest, errors);
  }

  private static void add(TopTraces examples, String traceId, long value) {
    examples.add(HexIds.traceHigh(traceId), HexIds.traceLow(traceId), value);
  }
}
