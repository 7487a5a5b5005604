package io.tracegraph.jobs.tables;

import static io.tracegraph.jobs.tables.TableColumn.estimate;
import static io.tracegraph.jobs.tables.TableColumn.float64;
import static io.tracegraph.jobs.tables.TableColumn.int64;
import static io.tracegraph.jobs.tables.TableColumn.ratio;
import static io.tracegraph.jobs.tables.TableColumn.rows;
import static io.tracegraph.jobs.tables.TableColumn.string;

import io.tracegraph.model.CountDistribution;
import io.tracegraph.model.EdgeCalls;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.TopTraces;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.Row;

/**
 * The columns of the calls over one edge ({@link EdgeCalls}), shared by {@code edges} and {@code operation_edges} so
 * the two tables store their calls alike and agree call for call: the counts and latencies after the edge's key
 * ({@link #counts}), the calls per trace and the example traces at the end ({@link #perTrace}), and the calls read
 * back from a stored row ({@link #restore}).
 *
 * @param <M> what one row is made from
 */
public final class CallColumns<M> {
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

  private final TableColumn<M, Long> calls;
  private final TableColumn<M, Long> callsEstimated;
  private final TableColumn<M, Long> errors;
  private final TableColumn<M, Long> errorsEstimated;
  private final LatencyColumns<M> client;
  private final LatencyColumns<M> server;
  private final LatencyColumns<M> gap;
  private final TableColumn<M, List<Row>> histogram;
  private final TableColumn<M, List<Row>> slowest;
  private final TableColumn<M, List<Row>> latestErrors;
  private final ColumnGroup<M> counts;
  private final ColumnGroup<M> perTrace;

  private CallColumns(Function<? super M, EdgeCalls> of, ToLongFunction<? super M> allTraces) {
    calls = int64("calls", false, m -> of.apply(m).calls());
    callsEstimated = estimate("calls_estimated", m -> of.apply(m).callsWeighted());
    errors = int64("errors", false, m -> of.apply(m).errors());
    errorsEstimated = estimate("errors_estimated", m -> of.apply(m).errorsWeighted());
    client = LatencyColumns.of("client", m -> of.apply(m).client());
    server = LatencyColumns.of("server", m -> of.apply(m).server());
    gap = LatencyColumns.of("gap", m -> of.apply(m).gap());
    histogram = rows("calls_per_trace_histogram", HISTOGRAM_ENTRY, m -> of.apply(m).callsPerTrace().entries());
    slowest = rows("slowest_traces", SLOW_EXAMPLE, m -> of.apply(m).slowest().examples());
    latestErrors = rows("latest_error_traces", ERROR_EXAMPLE, m -> of.apply(m).latestErrors().examples());
    ColumnGroup<M> errorRate = ratio("error_rate", m -> of.apply(m).errors(), m -> of.apply(m).calls());
    counts = group(calls, callsEstimated, errors, errorsEstimated, errorRate, client, server, gap);
    perTrace = group(
        float64("calls_per_trace_mean", true, m -> perTrace(of, m).count() == 0 ? null : perTrace(of, m).mean()),
        int64("calls_per_trace_p99", true,
            m -> perTrace(of, m).count() == 0 ? null : perTrace(of, m).quantile(0.99)),
        int64("calls_per_trace_max", true, m -> perTrace(of, m).count() == 0 ? null : perTrace(of, m).max()),
        histogram,
        int64("traces", false, m -> of.apply(m).traces()),
        ratio("trace_share", m -> of.apply(m).traces(), allTraces),
        slowest, latestErrors);
  }

  /**
   * The call columns of rows made from {@code M}.
   *
   * @param calls a row's calls
   * @param allTraces the traces of the day (or range) the row belongs to, for {@code trace_share}
   */
  public static <M> CallColumns<M> of(Function<? super M, EdgeCalls> calls, ToLongFunction<? super M> allTraces) {
    return new CallColumns<>(calls, allTraces);
  }

  private static <M> CountDistribution perTrace(Function<? super M, EdgeCalls> of, M m) {
    return of.apply(m).callsPerTrace();
  }

  @SafeVarargs
  private static <M> ColumnGroup<M> group(ColumnGroup<M>... groups) {
    List<TableColumn<M, ?>> columns = new java.util.ArrayList<>();
    for (ColumnGroup<M> g : groups) columns.addAll(g.columns());
    List<TableColumn<M, ?>> fixed = List.copyOf(columns);
    return () -> fixed;
  }

  /** calls, calls_estimated, errors, errors_estimated, error_rate, then the client, server and gap latencies. */
  public ColumnGroup<M> counts() {
    return counts;
  }

  /** The calls per trace (mean, p99, max, histogram), traces, trace_share, the slowest and latest-error traces. */
  public ColumnGroup<M> perTrace() {
    return perTrace;
  }

  /** The calls as stored in {@code row}: exactly the state the row was made from. */
  public EdgeCalls restore(Row row) {
    CountDistribution perTrace = new CountDistribution();
    for (Row h : histogram.read(row)) perTrace.add(HISTOGRAM_CALLS.read(h), HISTOGRAM_TRACES.read(h));
    TopTraces slow = new TopTraces();
    for (Row x : slowest.read(row)) add(slow, SLOW_TRACE_ID.read(x), Math.round(SLOW_LATENCY.read(x) * 1000));
    TopTraces failed = new TopTraces();
    for (Row x : latestErrors.read(row)) add(failed, ERROR_TRACE_ID.read(x), ERROR_START.read(x));
    return EdgeCalls.restore(calls.read(row), callsEstimated.read(row), errors.read(row), errorsEstimated.read(row),
        client.read(row), server.read(row), gap.read(row), perTrace, slow, failed);
  }

  private static void add(TopTraces examples, String traceId, long value) {
    examples.add(HexIds.traceHigh(traceId), HexIds.traceLow(traceId), value);
  }
}
