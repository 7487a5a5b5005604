package io.tracegraph.jobs.tables;

import static io.tracegraph.jobs.tables.TableColumn.float64;
import static io.tracegraph.jobs.tables.TableColumn.int32;
import static io.tracegraph.jobs.tables.TableColumn.int64;
import static io.tracegraph.jobs.tables.TableColumn.ratio;
import static io.tracegraph.jobs.tables.TableColumn.strings;

import io.tracegraph.model.SpanStats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The columns {@code services} and {@code operations} share after their own latency, from {@link SpanStats}: the
 * self-time latency group and its total, the traces and the share of all traces they are in (reach), and the
 * callers and callees by name.
 *
 * @param <M> what one row is made from
 */
final class SpanStatsColumns<M> implements ColumnGroup<M> {
  final LatencyColumns<M> selfTime;
  final TableColumn<M, Long> traces;
  final TableColumn<M, List<String>> callers;
  final TableColumn<M, List<String>> callees;
  private final List<TableColumn<M, ?>> columns = new ArrayList<>();

  /**
   * @param stats a row's statistics
   * @param callers a row's callers (a service's come from the edges, an operation's from its spans)
   * @param callees likewise, its callees
   * @param allTraces the traces of the day (or range), for the reach
   */
  SpanStatsColumns(Function<? super M, SpanStats> stats, Function<? super M, List<String>> callers,
                   Function<? super M, List<String>> callees, ToLongFunction<? super M> allTraces) {
    this.selfTime = LatencyColumns.of("self_time", m -> stats.apply(m).selfTime());
    this.traces = int64("traces", false, m -> stats.apply(m).traces());
    this.callers = strings("callers", callers);
    this.callees = strings("callees", callees);
    columns.addAll(selfTime.columns());
    columns.add(float64("self_time_total_ms", false, m -> stats.apply(m).selfTime().sumNanos() / 1e6));
    columns.add(traces);
    columns.add(ratio("reach", m -> stats.apply(m).traces(), allTraces));
    columns.add(int32("caller_count", m -> callers.apply(m).size()));
    columns.add(this.callers);
    columns.add(int32("callee_count", m -> callees.apply(m).size()));
    columns.add(this.callees);
  }

  @Override
  public List<TableColumn<M, ?>> columns() {
    return List.copyOf(columns);
  }
}
