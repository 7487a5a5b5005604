package io.tracegraph.jobs.tables;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/** Test helpers: table rows as plain comparable values, whether made in memory or read back from Parquet. */
public final class TableRows {
  private TableRows() {}

  /** The rows of a table directory (one Parquet file), in file order, as plain values. */
  public static List<List<Object>> read(SparkSession spark, String dir, String table) {
    List<Row> rows = spark.read().schema(TrafficTables.schema(table)).parquet(dir).collectAsList();
    return canonical(rows);
  }

  public static List<List<Object>> canonical(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>(rows.size());
    for (Row r : rows) out.add(canonical(r));
    return out;
  }

  /** A row as a list: binary as hex, arrays as lists, structs as lists, times as java.time values. */
  public static List<Object> canonical(Row row) {
    List<Object> values = new ArrayList<>(row.size());
    for (int i = 0; i < row.size(); i++) values.add(value(row.get(i)));
    return values;
  }

  private static Object value(Object v) {
    if (v instanceof byte[] bytes) return HexFormat.of().formatHex(bytes);
    if (v instanceof Row r) return canonical(r);
    if (v instanceof scala.collection.Seq<?> seq) return value(CollectionConverters.asJava(seq));
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) out.add(value(o));
      return out;
    }
    if (v instanceof Timestamp t) return t.toInstant();
    if (v instanceof Date d) return d.toLocalDate();
    return v;
  }
}
