package io.tracegraph.jobs.tables;

import static io.tracegraph.jobs.tables.TableColumn.bool;
import static io.tracegraph.jobs.tables.TableColumn.string;

import io.tracegraph.model.ConnectionType;
import io.tracegraph.model.EdgeKey;
import io.tracegraph.model.EdgeStats;
import org.apache.spark.sql.Row;

/**
 * {@code edges}: one row per (caller, callee, connection type, broker, destination, via links) with the calls, errors,
 * the latency seen by the client, by the server and the gap between them, when the calls started, how many per trace,
 * and example traces. Each row keeps the mergeable state it was computed from (sketches, the calls-per-trace
 * histogram, the examples), so {@link #restore} gives the edge back exactly, for rollups and the diff.
 */
public final class EdgesTable {
  private EdgesTable() {}

  /** What a row is made of: the edge, its statistics and the day's (or range's) trace count. */
  public record EdgeRow(EdgeKey key, EdgeStats stats, long traces) {}

  static final TableColumn<EdgeRow, String> CALLER = string("caller", false, r -> r.key().caller());
  static final TableColumn<EdgeRow, String> CALLEE = string("callee", false, r -> r.key().callee());
  static final TableColumn<EdgeRow, String> CONNECTION_TYPE =
      string("connection_type", false, r -> r.key().type().key());
  static final TableColumn<EdgeRow, String> BROKER = string("broker", true, r -> r.key().broker());
  static final TableColumn<EdgeRow, String> DESTINATION = string("destination", true, r -> r.key().destination());
  static final CallColumns<EdgeRow> CALLS = CallColumns.of(r -> r.stats().callStats(), EdgeRow::traces);
  static final TimelineColumns<EdgeRow> TIMELINE = TimelineColumns.of(r -> r.stats().timeline());
  /** Tables v3, last in the row: the calls are messages consumers received through span links. */
  static final TableColumn<EdgeRow, Boolean> VIA_LINKS = bool("via_links", r -> r.key().viaLinks());

  public static final Table<EdgeRow> TABLE = Table.of("edges",
      CALLER, CALLEE, CONNECTION_TYPE, BROKER, DESTINATION, CALLS.counts(), TIMELINE, CALLS.perTrace(), VIA_LINKS);

  /** The edge's key as stored in {@code row}. */
  public static EdgeKey key(Row row) {
    return new EdgeKey(CALLER.read(row), CALLEE.read(row), ConnectionType.ofKey(CONNECTION_TYPE.read(row)),
        BROKER.read(row), DESTINATION.read(row), viaLinks(row));
  }

  /**
   * {@code via_links} of a stored edge (of {@code edges} or {@code operation_edges}); false on a day written before
   * tables v3, read with today's schema (null there: such days told no messages through span links apart).
   */
  static boolean viaLinks(Row row) {
    int i = row.fieldIndex(VIA_LINKS.name());
    return !row.isNullAt(i) && row.getBoolean(i);
  }

  /** The edge's statistics as stored in {@code row}: exactly the state the row was made from. */
  public static EdgeStats restore(Row row) {
    return EdgeStats.restore(CALLS.restore(row), TIMELINE.read(row));
  }
}
