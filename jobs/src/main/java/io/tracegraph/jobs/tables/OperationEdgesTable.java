package io.tracegraph.jobs.tables;

import static io.tracegraph.jobs.tables.TableColumn.bool;
import static io.tracegraph.jobs.tables.TableColumn.string;

import io.tracegraph.model.ConnectionType;
import io.tracegraph.model.EdgeCalls;
import io.tracegraph.model.OperationEdgeKey;
import org.apache.spark.sql.Row;

/**
 * {@code operation_edges} (tables v3): the operation graph, one row per (caller service, caller operation, callee,
 * callee operation, connection type, via links) with the same call columns as {@code edges} ({@link CallColumns}),
 * without the timeline; summed per service pair the rows are the {@code edges} rows. Each row keeps its mergeable
 * state, so {@link #restore} gives the edge back exactly, for rollups.
 */
public final class OperationEdgesTable {
  private OperationEdgesTable() {}

  /** What a row is made of: the operation edge, its calls and the day's (or range's) trace count. */
  public record OperationEdgeRow(OperationEdgeKey key, EdgeCalls calls, long traces) {}

  static final TableColumn<OperationEdgeRow, String> CALLER = string("caller", false, r -> r.key().caller());
  static final TableColumn<OperationEdgeRow, String> CALLER_OPERATION =
      string("caller_operation", true, r -> r.key().callerOperation());
  static final TableColumn<OperationEdgeRow, String> CALLEE = string("callee", false, r -> r.key().callee());
  static final TableColumn<OperationEdgeRow, String> CALLEE_OPERATION =
      string("callee_operation", false, r -> r.key().calleeOperation());
  static final TableColumn<OperationEdgeRow, String> CONNECTION_TYPE =
      string("connection_type", false, r -> r.key().type().key());
  static final TableColumn<OperationEdgeRow, Boolean> VIA_LINKS = bool("via_links", r -> r.key().viaLinks());
  static final CallColumns<OperationEdgeRow> CALLS = CallColumns.of(OperationEdgeRow::calls, OperationEdgeRow::traces);

  public static final Table<OperationEdgeRow> TABLE = Table.of("operation_edges",
      CALLER, CALLER_OPERATION, CALLEE, CALLEE_OPERATION, CONNECTION_TYPE, VIA_LINKS, CALLS.counts(),
      CALLS.perTrace());

  /** The operation edge's key as stored in {@code row}. */
  public static OperationEdgeKey key(Row row) {
    return new OperationEdgeKey(CALLER.read(row), CALLER_OPERATION.read(row), CALLEE.read(row),
        CALLEE_OPERATION.read(row), ConnectionType.ofKey(CONNECTION_TYPE.read(row)), VIA_LINKS.read(row));
  }

  /** The operation edge's calls as stored in {@code row}: exactly the state the row was made from. */
  public static EdgeCalls restore(Row row) {
    return CALLS.restore(row);
  }
}
