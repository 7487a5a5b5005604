package io.tracegraph.jobs.tables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * Every table the nightly job writes under {@code OUT/tables/<name>/date=YYYY-MM-DD/}, in writing order, and the
 * version of that set of schemas. The tables are a public interface (other engines read them: DuckDB, Trino,
 * pandas through {@code tracegraph sql}), documented column by column in {@code docs/tables.md}.
 *
 * <p>{@link #VERSION} is written into each day's {@code run.json} ({@value #RUN_JSON_KEY}). Change it with any change
 * to a table's columns, together with {@code docs/tables.md} and a new {@code golden/tables-v<N>.txt}:
 * {@code TableSchemasTest} fails until all three agree.
 */
public final class TableCatalog {
  /**
   * The version of the output tables' schemas: "tables v3" (see {@code docs/tables.md}, "Versions": v1 lacked the
   * services and entry_points timelines; v2 named databases by namespace, lacked trace_quality's unlinkable calls, the
   * operation graph, the call patterns, the messages through span links and the exemplars table).
   */
  public static final int VERSION = 3;
  /** The run.json key that holds {@link #VERSION}. */
  public static final String RUN_JSON_KEY = "tables_schema_version";

  /** Every table, in the order the nightly job writes them: the links, the traffic, the analyses, the exemplars. */
  public static final List<Table<?>> TABLES = tables();

  private TableCatalog() {}

  private static List<Table<?>> tables() {
    List<Table<?>> tables = new ArrayList<>();
    tables.add(LinksTable.TABLE);
    tables.addAll(TrafficTables.TABLES);
    tables.addAll(AnalysisTables.TABLES);
    tables.add(ExemplarsTable.TABLE);
    return List.copyOf(tables);
  }

  /** The table named {@code name}. */
  public static Table<?> table(String name) {
    for (Table<?> t : TABLES) if (t.name().equals(name)) return t;
    throw new IllegalArgumentException("no table " + name + "; tables: " + schemas().keySet());
  }

  /** Every table's schema as written, by table name, in writing order. */
  public static Map<String, StructType> schemas() {
    Map<String, StructType> schemas = new LinkedHashMap<>();
    for (Table<?> t : TABLES) schemas.put(t.name(), t.schema());
    return Collections.unmodifiableMap(schemas);
  }

  /** All schemas as one text (name, then Spark's tree string), as pinned in {@code golden/tables-v<N>.txt}. */
  public static String describe() {
    StringBuilder text = new StringBuilder("tables v" + VERSION + "\n");
    schemas().forEach((name, schema) -> text.append('\n').append(name).append('\n').append(schema.treeString()));
    return text.toString();
  }
}
