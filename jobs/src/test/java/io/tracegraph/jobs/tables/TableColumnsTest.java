package io.tracegraph.jobs.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.RandomTraces;
import io.tracegraph.model.SamplingWeight;
import io.tracegraph.model.TraceTree;
import io.tracegraph.model.TrafficScenarios;
import io.tracegraph.model.TrafficSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;

/**
 * The tables as column descriptors, without Spark: each table's rows read back into exactly the state they were
 * made from (what rollups and the diff rely on, here for every table and column at once), and the descriptors' own
 * rules: a row is made in the schema's order, a column named twice is refused, and a null where a column does not
 * allow one is reported with the column's name instead of becoming a wrong number.
 */
class TableColumnsTest {
  static final LocalDate DAY = LocalDate.of(2024, 5, 1);

  /** The hand-built checkout traces: every traffic table's rows merged back give the summary they came from. */
  @Test
  void trafficRowsRestoreTheCheckoutSummary() {
    TrafficSummary summary = new TrafficSummary()
        .addTrace(TraceTree.build(1, 1, new ArrayList<>(TrafficScenarios.trace1())))
        .addTrace(TraceTree.build(1, 2, new ArrayList<>(TrafficScenarios.trace2())));
    assertRoundTrip(summary);
  }

  /** Random traces (duplicates, partial rows, messaging, databases): many shapes of every column group. */
  @Test
  void trafficRowsRestoreARandomSummary() {
    TrafficSummary summary = new TrafficSummary();
    for (RandomTraces.GeneratedTrace t : RandomTraces.generate(14, 300)) {
      summary.addTrace(TraceTree.build(HexIds.traceHigh(t.traceIdHex()), HexIds.traceLow(t.traceIdHex()),
          new ArrayList<>(t.spans())));
    }
    assertTrue(summary.edges().size() > 10, "a graph with many edges");
    assertRoundTrip(summary);
  }

  /** Rows made from a summary, merged into an empty one: the same summary, and the same rows made again. */
  private static void assertRoundTrip(TrafficSummary summary) {
    Map<String, List<Row>> rows = TrafficTables.rows(summary, DAY, DAY);
    assertEquals(TrafficTables.NAMES, List.copyOf(rows.keySet()));
    TrafficSummary restored = new TrafficSummary();
    rows.forEach((table, tableRows) -> tableRows.forEach(row -> TrafficTables.mergeRow(restored, table, row)));
    assertEquals(summary, restored);
    Map<String, List<Row>> again = TrafficTables.rows(restored, DAY, DAY);
    for (String table : TrafficTables.NAMES) {
      assertEquals(TableRows.canonical(rows.get(table)), TableRows.canonical(again.get(table)), table);
    }
  }

  @Test
  void aRowFollowsTheSchemasOrder() {
    Row row = LinksTable.TABLE.row(new DependencyLink("frontend", "pricing", 7, 2));
    assertEquals(List.of("parent", "child", "call_count", "error_count"), List.of(row.schema().fieldNames()));
    assertEquals(List.of("frontend", "pricing", 7L, 2L), TableRows.canonical(row));
  }

  @Test
  void aColumnNamedTwiceIsRefused() {
    TableColumn<String, String> a = TableColumn.string("name", false, s -> s);
    TableColumn<String, String> b = TableColumn.string("name", true, s -> s);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Table.of("t", a, b));
    assertTrue(e.getMessage().contains("column name twice"), e.getMessage());
  }

  /** A stored null in a required column (a damaged file) names the column; in a nullable one it reads as null. */
  @Test
  void aNullWhereNoneIsAllowedNamesTheColumn() {
    TableColumn<String, Long> required = TableColumn.int64("calls", false, s -> 1L);
    TableColumn<String, Long> optional = TableColumn.int64("busiest_minute_calls", true, s -> null);
    Table<String> table = Table.of("t", required, optional);
    Row damaged = new GenericRowWithSchema(new Object[] {null, null}, table.schema());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> required.read(damaged));
    assertEquals("column calls is null", e.getMessage());
    assertNull(optional.read(damaged));
    assertEquals(1L, required.read(table.row("x")));
  }

  /** Estimates are stored as doubles and read back as the exact fixed-point count the model keeps. */
  @Test
  void anEstimateReadsBackExactly() {
    long fixedPoint = 3 * SamplingWeight.SCALE + 12_345;
    TableColumn<Long, Long> estimate = TableColumn.estimate("calls_estimated", v -> v);
    Row row = Table.of("t", estimate).row(fixedPoint);
    assertEquals(SamplingWeight.toDouble(fixedPoint), row.getDouble(0));
    assertEquals(fixedPoint, estimate.read(row));
  }
}
