package io.tracegraph.jobs.tables;

import io.tracegraph.jobs.tables.EdgesTable.EdgeRow;
import io.tracegraph.jobs.tables.EntryPointsTable.EntryPointRow;
import io.tracegraph.jobs.tables.OperationEdgesTable.OperationEdgeRow;
import io.tracegraph.jobs.tables.OperationsTable.OperationRow;
import io.tracegraph.jobs.tables.ServicesTable.ServiceRow;
import io.tracegraph.jobs.tables.TotalsTable.TotalsRow;
import io.tracegraph.model.TrafficSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The traffic tables ({@code edges}, {@code operation_edges}, {@code services}, {@code operations},
 * {@code entry_points}, {@code totals}):
 * a {@link TrafficSummary} as rows, and stored rows back into a summary (for rollups and the diff). Every stored row
 * holds the mergeable state it was computed from (sketches, histograms, examples, caller lists), so a rollup reads
 * tables only, never spans. The columns of each table are in its class ({@link EdgesTable}, ...).
 */
public final class TrafficTables {
  private TrafficTables() {}

  public static final String EDGES = EdgesTable.TABLE.name();
  public static final String OPERATION_EDGES = OperationEdgesTable.TABLE.name();
  public static final String SERVICES = ServicesTable.TABLE.name();
  public static final String OPERATIONS = OperationsTable.TABLE.name();
  public static final String ENTRY_POINTS = EntryPointsTable.TABLE.name();
  public static final String TOTALS = TotalsTable.TABLE.name();

  /** Every traffic table, in writing order. */
  public static final List<Table<?>> TABLES = List.of(EdgesTable.TABLE, OperationEdgesTable.TABLE,
      ServicesTable.TABLE, OperationsTable.TABLE, EntryPointsTable.TABLE, TotalsTable.TABLE);
  /** Their names, in writing order. */
  public static final List<String> NAMES = TABLES.stream().map(Table::name).toList();
  /** The tables that days written before tables v3 do not have: a rollup over such a day leaves them out. */
  public static final List<String> SINCE_V3 = List.of(OPERATION_EDGES);

  /** The schema of traffic table {@code table}. */
  public static StructType schema(String table) {
    for (Table<?> t : TABLES) if (t.name().equals(table)) return t.schema();
    throw new IllegalArgumentException("no traffic table " + table);
  }

  /**
   * The rows of every table for {@code traffic}, a summary of the days {@code first} to {@code last}, by table name
   * in writing order, each table's rows in key order.
   */
  public static Map<String, List<Row>> rows(TrafficSummary traffic, LocalDate first, LocalDate last) {
    return rows(traffic, first, last, TotalsRow.daysFrom(first, last));
  }

  /**
   * As {@link #rows(TrafficSummary, LocalDate, LocalDate)}, for a summary of only {@code days} of the days
   * {@code first} to {@code last} (a rollup that left out uncommitted days): {@code totals.days} says so.
   */
  public static Map<String, List<Row>> rows(TrafficSummary traffic, LocalDate first, LocalDate last, int days) {
    long traces = traffic.totals().traces();
    List<EdgeRow> edges = new ArrayList<>();
    traffic.edges().forEach((k, e) -> edges.add(new EdgeRow(k, e, traces)));
    List<OperationEdgeRow> operationEdges = new ArrayList<>();
    traffic.operationEdges().forEach((k, e) -> operationEdges.add(new OperationEdgeRow(k, e, traces)));
    List<ServiceRow> services = new ArrayList<>();
    traffic.services().forEach((name, s) -> services.add(new ServiceRow(name, s, traffic.callersOf(name),
        traffic.calleesOf(name), traces)));
    List<OperationRow> operations = new ArrayList<>();
    traffic.operations().forEach((k, s) -> operations.add(new OperationRow(k, s, traces)));
    List<EntryPointRow> entries = new ArrayList<>();
    traffic.entryPoints().forEach((k, e) -> entries.add(new EntryPointRow(k, e, traces)));

    Map<String, List<Row>> tables = new LinkedHashMap<>();
    tables.put(EDGES, EdgesTable.TABLE.rows(edges));
    tables.put(OPERATION_EDGES, OperationEdgesTable.TABLE.rows(operationEdges));
    tables.put(SERVICES, ServicesTable.TABLE.rows(services));
    tables.put(OPERATIONS, OperationsTable.TABLE.rows(operations));
    tables.put(ENTRY_POINTS, EntryPointsTable.TABLE.rows(entries));
    tables.put(TOTALS, List.of(TotalsTable.TABLE.row(new TotalsRow(first, last, days, traffic.totals()))));
    return tables;
  }

  /** How a stored row of each table is merged back into a summary. */
  private static final Map<String, BiConsumer<TrafficSummary, Row>> MERGE = Map.of(
      EDGES, (into, row) -> into.mergeEdge(EdgesTable.key(row), EdgesTable.restore(row)),
      OPERATION_EDGES, (into, row) -> into.mergeOperationEdge(OperationEdgesTable.key(row),
          OperationEdgesTable.restore(row)),
      SERVICES, (into, row) -> into.mergeService(ServicesTable.service(row), ServicesTable.restore(row)),
      OPERATIONS, (into, row) -> into.mergeOperation(OperationsTable.key(row), OperationsTable.restore(row)),
      ENTRY_POINTS, (into, row) -> into.mergeEntryPoint(EntryPointsTable.key(row), EntryPointsTable.restore(row)),
      TOTALS, (into, row) -> into.mergeTotals(TotalsTable.restore(row)));

  /** Merges one stored row of {@code table} (as read from Parquet, or as {@link #rows} made it) into {@code into}. */
  public static void mergeRow(TrafficSummary into, String table, Row row) {
    BiConsumer<TrafficSummary, Row> merge = MERGE.get(table);
    if (merge == null) throw new IllegalArgumentException("no traffic table " + table);
    merge.accept(into, row);
  }
}
