package io.tracegraph.jobs.tables;

import java.util.List;

/**
 * Columns that go into a table together, in order: a single {@link TableColumn}, or a group such as the ten columns
 * of one latency ({@link LatencyColumns}).
 *
 * @param <M> what one row is made from
 */
public interface ColumnGroup<M> {
  List<TableColumn<M, ?>> columns();
}
