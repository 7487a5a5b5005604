package io.tracegraph.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.tables.TableCatalog;
import io.tracegraph.tools.GeneratedWeek;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The output tables are a public interface: a second engine reading them with Hive partitioning must get exactly
 * what tracegraph's own reader ({@link OutputTables}, as {@code tracegraph sql} uses it) gets. DuckDB reads every
 * table of a generated week with {@code read_parquet(..., hive_partitioning = true)}; every row and every column
 * (nested arrays and structs, sketches, timestamps, the {@code date} partition column) must be equal, and
 * aggregates written in each engine's SQL must agree.
 */
class DuckDbInteropTest extends SparkTestBase {
  static Path out;
  static Connection duckdb;

  @BeforeAll
  static void weekAndDuckDb() throws SQLException {
    out = GeneratedWeek.out();
    OutputTables.register(spark(), out.toString(), null, null);
    duckdb = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterAll
  static void closeDuckDb() throws SQLException {
    if (duckdb != null) duckdb.close();
  }

  /** Every table, every row, every column: DuckDB and Spark read the same values. */
  @Test
  void everyTableReadsTheSameInBothEngines() throws SQLException {
    for (String table : TableCatalog.schemas().keySet()) {
      Dataset<Row> spark = spark().table(table);
      List<String> sparkColumns = List.of(spark.columns());
      List<List<Object>> sparkRows = new ArrayList<>();
      for (Row row : spark.collectAsList()) sparkRows.add(fromSpark(row));

      List<String> duckColumns = new ArrayList<>();
      List<List<Object>> duckRows = new ArrayList<>();
      try (Statement s = duckdb.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + scan(table))) {
        ResultSetMetaData meta = rs.getMetaData();
        for (int c = 1; c <= meta.getColumnCount(); c++) duckColumns.add(meta.getColumnName(c));
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int c = 1; c <= meta.getColumnCount(); c++) row.add(fromDuckDb(rs.getObject(c)));
          duckRows.add(row);
        }
      }
      assertEquals(sparkColumns, duckColumns, table + ": columns, the date partition last");
      assertTrue(sparkRows.size() > 0, table + " has rows in the generated week");
      assertEquals(sorted(sparkRows), sorted(duckRows), table + ": rows");
    }
  }

  /** The partition column is a DATE in both engines, one value per generated day. */
  @Test
  void datePartitionIsADateInBothEngines() throws SQLException {
    assertEquals("date", spark().table("edges").schema().apply("date").dataType().catalogString());
    try (Statement s = duckdb.createStatement();
         ResultSet rs = s.executeQuery("SELECT typeof(date) AS t, count(DISTINCT date) AS days, min(date), max(date)"
             + " FROM " + scan("edges") + " GROUP BY 1")) {
      assertTrue(rs.next());
      assertEquals("DATE", rs.getString(1));
      assertEquals(GeneratedWeek.DAYS, rs.getLong(2));
      assertEquals(GeneratedWeek.FIRST.toString(), rs.getObject(3).toString());
      assertEquals(GeneratedWeek.LAST.toString(), rs.getObject(4).toString());
    }
  }

  /** A reader can check which schemas it reads: every day's run.json names the tables' version. */
  @Test
  void runJsonNamesTheTablesVersion() throws IOException {
    for (LocalDate day = GeneratedWeek.FIRST; !day.isAfter(GeneratedWeek.LAST); day = day.plusDays(1)) {
      JsonNode run = new ObjectMapper().readTree(out.resolve("reports").resolve(day.toString()).resolve("run.json")
          .toFile());
      assertEquals(TableCatalog.VERSION, run.path(TableCatalog.RUN_JSON_KEY).asInt(-1), day + " run.json");
    }
  }

  /**
   * Aggregates a planner would write, each in its engine's own SQL: daily calls and errors, the calls one checkout
   * request causes downstream (nested array of structs, unnested), and per-hour calls summed from the arrays.
   */
  @Test
  void aggregatesAgree() throws SQLException {
    assertSameResult(
        "SELECT CAST(date AS STRING), sum(calls), sum(errors), max(server_p99_us) FROM edges GROUP BY date ORDER BY 1",
        "SELECT CAST(date AS VARCHAR), sum(calls), sum(errors), max(server_p99_us) FROM " + scan("edges")
            + " GROUP BY date ORDER BY 1");
    assertSameResult(
        "SELECT service, operation, d.callee, sum(d.calls), max(d.calls_per_request) FROM entry_points"
            + " LATERAL VIEW explode(downstream) t AS d GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        "SELECT service, operation, d.callee, sum(d.calls), max(d.calls_per_request) FROM (SELECT service, operation,"
            + " unnest(downstream) AS d FROM " + scan("entry_points") + ") GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    assertSameResult(
        "SELECT h.pos, sum(h.col) FROM edges LATERAL VIEW posexplode(calls_per_hour) h AS pos, col"
            + " GROUP BY h.pos ORDER BY h.pos",
        "SELECT h - 1, sum(calls_per_hour[h]) FROM " + scan("edges") + ", range(1, 25) r(h) GROUP BY h ORDER BY h");
    assertSameResult(
        "SELECT origin_service, sum(trace_count), count(*) FROM error_origins WHERE date = '" + GeneratedWeek.LAST
            + "' GROUP BY 1 ORDER BY 1",
        "SELECT origin_service, sum(trace_count), count(*) FROM " + scan("error_origins") + " WHERE date = DATE '"
            + GeneratedWeek.LAST + "' GROUP BY 1 ORDER BY 1");
  }

  private void assertSameResult(String sparkSql, String duckSql) throws SQLException {
    List<List<Object>> expected = new ArrayList<>();
    for (Row row : spark().sql(sparkSql).collectAsList()) expected.add(numbersAsDouble(fromSpark(row)));
    List<List<Object>> actual = new ArrayList<>();
    try (Statement s = duckdb.createStatement(); ResultSet rs = s.executeQuery(duckSql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int c = 1; c <= columns; c++) row.add(fromDuckDb(rs.getObject(c)));
        actual.add(numbersAsDouble(row));
      }
    }
    assertFalse(expected.isEmpty(), "a result to compare: " + sparkSql);
    assertEquals(expected, actual, duckSql);
  }

  /** Sums come back as bigint in Spark and as HUGEINT (BigInteger) in DuckDB: compare numbers by value. */
  private static List<Object> numbersAsDouble(List<Object> row) {
    List<Object> values = new ArrayList<>();
    for (Object v : row) values.add(v instanceof Number n ? n.doubleValue() : v);
    return values;
  }

  private static String scan(String table) {
    return "read_parquet('" + out.resolve("tables").resolve(table) + "/*/*.parquet', hive_partitioning = true)";
  }

  /** Spark's values as plain Java: lists for arrays and structs, hex for binary, ISO text for dates, instants. */
  private static List<Object> fromSpark(Row row) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < row.size(); i++) values.add(sparkValue(row.get(i)));
    return values;
  }

  private static Object sparkValue(Object v) {
    if (v instanceof Row r) return fromSpark(r);
    if (v instanceof scala.collection.Seq<?> seq) {
      List<Object> list = new ArrayList<>();
      for (Object e : CollectionConverters.asJava(seq)) list.add(sparkValue(e));
      return list;
    }
    if (v instanceof byte[] bytes) return HexFormat.of().formatHex(bytes);
    if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
    if (v instanceof LocalDate d) return d.toString();
    if (v instanceof java.sql.Timestamp t) return t.toInstant();
    return v;
  }

  /** DuckDB's JDBC values in the same plain form. */
  private static Object fromDuckDb(Object v) throws SQLException {
    if (v instanceof Array a) {
      List<Object> list = new ArrayList<>();
      for (Object e : (Object[]) a.getArray()) list.add(fromDuckDb(e));
      return list;
    }
    if (v instanceof Struct s) {
      List<Object> list = new ArrayList<>();
      for (Object e : s.getAttributes()) list.add(fromDuckDb(e));
      return list;
    }
    if (v instanceof Blob b) return HexFormat.of().formatHex(b.getBytes(1, (int) b.length()));
    if (v instanceof byte[] bytes) return HexFormat.of().formatHex(bytes);
    if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
    if (v instanceof LocalDate d) return d.toString();
    if (v instanceof OffsetDateTime t) return t.toInstant();
    // DuckDB reads Spark's INT96 timestamps as TIMESTAMP: the instant as a UTC wall-clock time.
    if (v instanceof LocalDateTime t) return t.toInstant(ZoneOffset.UTC);
    if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    if (v instanceof Instant i) return i;
    return v;
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }
}
