package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.traffic.TrafficTables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * Every table the nightly job writes under {@code OUT/tables/<name>/date=YYYY-MM-DD/}, with its schema, and the
 * version of that set of schemas. The tables are a public interface (other engines read them: DuckDB, Trino,
 * pandas through {@code tracegraph sql}), documented column by column in {@code docs/tables.md}.
 *
 * <p>{@link #VERSION} is written into each day's {@code run.json} ({@value #RUN_JSON_KEY}). Change it with any change
 * to a schema below, together with {@code docs/tables.md} and a new {@code golden/tables-v<N>.txt}:
 * {@code TableSchemasTest} fails until all three agree.
 */
public final class TableCatalog {
  /**
   * The version of the output tables' schemas: "tables v3" (see {@code docs/tables.md}, "Versions": v1 lacked the
   * services and entry_points timelines; v2 named databases by namespace, lacked trace_quality's unlinkable calls, the
   * operation graph, the call patterns and the messages through span links).
   */
  public static final int VERSION = 3;
  /** The run.json key that holds {@link #VERSION}. */
  public static final String RUN_JSON_KEY = "tables_schema_version";

  private TableCatalog() {}

  /** Every table's schema as written, by table name, in the order the nightly job writes them. */
  public static Map<String, StructType> schemas() {
    Map<String, StructType> schemas = new LinkedHashMap<>();
    schemas.put(DependencyGraphJob.TABLE, DependencyGraphJob.LINK_SCHEMA);
    for (String table : TrafficTables.NAMES) schemas.put(table, TrafficTables.schema(table));
    schemas.put(AnalysisTables.ERROR_ORIGINS, AnalysisTables.ERROR_ORIGINS_SCHEMA);
    schemas.put(AnalysisTables.ERROR_SERVICES, AnalysisTables.ERROR_SERVICES_SCHEMA);
    schemas.put(AnalysisTables.CRITICAL_PATH, AnalysisTables.CRITICAL_PATH_SCHEMA);
    schemas.put(AnalysisTables.TRACE_QUALITY, AnalysisTables.TRACE_QUALITY_SCHEMA);
    schemas.put(AnalysisTables.TRACE_SHAPES, AnalysisTables.TRACE_SHAPES_SCHEMA);
    schemas.put(AnalysisTables.CALL_PATTERNS, AnalysisTables.CALL_PATTERNS_SCHEMA);
    return java.util.Collections.unmodifiableMap(schemas);
  }

  /** All schemas as one text (name, then Spark's tree string), as pinned in {@code golden/tables-v<N>.txt}. */
  public static String describe() {
    StringBuilder text = new StringBuilder("tables v" + VERSION + "\n");
    schemas().forEach((name, schema) -> text.append('\n').append(name).append('\n').append(schema.treeString()));
    return text.toString();
  }
}
