package io.tracegraph.jobs.tables;

import io.tracegraph.model.CallTimeline;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * When a day's calls (or requests) started, as three columns: {@code calls_per_hour} (24 counts),
 * {@code busiest_minute} (its start, UTC; null without calls) and {@code busiest_minute_calls} (0 without calls). An
 * unknown timeline (a rollup that merged a day stored before tables v2) is stored as nulls, and reads back as null.
 *
 * @param <M> what one row is made from
 */
public final class TimelineColumns<M> implements ColumnGroup<M> {
  private final TableColumn<M, List<Long>> hours;
  private final TableColumn<M, Instant> busiest;
  private final TableColumn<M, Long> busiestCalls;

  /**
   * @param timeline a row's timeline; null for an unknown one (only where {@code addedInV2})
   * @param addedInV2 the columns came with tables v2 (services, entry points): every one is nullable, null for the
   *     days stored before
   */
  private TimelineColumns(Function<? super M, CallTimeline> timeline, boolean addedInV2) {
    hours = TableColumn.of("calls_per_hour", DataTypes.createArrayType(DataTypes.LongType, false), addedInV2,
        m -> {
          CallTimeline t = timeline.apply(m);
          return t == null ? null : Arrays.stream(t.hours()).boxed().toList();
        }, TableColumn::list);
    busiest = TableColumn.timestamp("busiest_minute", true, m -> {
      CallTimeline t = timeline.apply(m);
      return t == null || t.busiest() == null ? null : Instant.ofEpochSecond(t.busiest().epochMinute() * 60);
    });
    busiestCalls = TableColumn.int64("busiest_minute_calls", addedInV2, m -> {
      CallTimeline t = timeline.apply(m);
      return t == null ? null : t.busiest() == null ? 0L : t.busiest().calls();
    });
  }

  /** The timeline of an edge: always known. */
  public static <M> TimelineColumns<M> of(Function<? super M, CallTimeline> timeline) {
    return new TimelineColumns<>(timeline, false);
  }

  /** The timeline of a service's served requests or an entry point's requests: columns of tables v2, nullable. */
  public static <M> TimelineColumns<M> sinceV2(Function<? super M, CallTimeline> timeline) {
    return new TimelineColumns<>(timeline, true);
  }

  @Override
  public List<TableColumn<M, ?>> columns() {
    return List.of(hours, busiest, busiestCalls);
  }

  /** The timeline stored in {@code row}; null when it has none (a day stored before tables v2). */
  public CallTimeline read(Row row) {
    List<Long> stored = hours.read(row);
    if (stored == null) return null;
    Instant busiestAt = busiest.read(row);
    CallTimeline.BusyMinute minute = busiestAt == null ? null
        : new CallTimeline.BusyMinute(Math.floorDiv(busiestAt.getEpochSecond(), 60), busiestCalls.read(row));
    return CallTimeline.restore(stored.stream().mapToLong(Long::longValue).toArray(), minute);
  }
}
