package io.tracegraph.jobs.sql;

import io.tracegraph.reports.Csv;
import io.tracegraph.reports.InvisibleCharacters;
import io.tracegraph.reports.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Prints collected query results as an aligned table, CSV or JSON lines. */
final class ResultPrinter {
  private ResultPrinter() {}

  static void print(StructType schema, List<Row> rows, ResultFormat format, PrintWriter out) {
    switch (format) {
      case TABLE -> table(schema, rows, out);
      case CSV -> csv(schema, rows, out);
      case JSON -> json(schema, rows, out);
      case PARQUET -> throw new IllegalArgumentException("parquet is written by Spark, not printed");
    }
    out.flush();
  }

  private static void table(StructType schema, List<Row> rows, PrintWriter out) {
    String[] names = schema.fieldNames();
    int[] widths = new int[names.length];
    List<String[]> cells = new ArrayList<>();
    for (int c = 0; c < names.length; c++) widths[c] = names[c].length();
    for (Row row : rows) {
      String[] line = new String[names.length];
      for (int c = 0; c < names.length; c++) {
        // Invisible characters as \\uXXXX: a name holding an escape sequence must not drive the terminal.
        line[c] = row.isNullAt(c) ? "NULL" : InvisibleCharacters.shown(String.valueOf(row.get(c)));
        widths[c] = Math.max(widths[c], line[c].length());
      }
      cells.add(line);
    }
    out.println(line(names, widths, schema));
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < names.length; c++) rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
    out.println(rule);
    for (String[] line : cells) out.println(line(line, widths, schema));
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private static String line(String[] values, int[] widths, StructType schema) {
    StringBuilder s = new StringBuilder();
    for (int c = 0; c < values.length; c++) {
      if (c > 0) s.append(" | ");
      boolean numeric = schema.fields()[c].dataType() instanceof org.apache.spark.sql.types.NumericType;
      String v = values[c];
      String pad = " ".repeat(widths[c] - v.length());
      s.append(numeric ? pad + v : v + pad);
    }
    return s.toString().stripTrailing();
  }

  /** Through {@link Csv}, the writer of every CSV output: text that looks like a formula is neutralised. */
  private static void csv(StructType schema, List<Row> rows, PrintWriter out) {
    StringBuilder sb = Csv.line(new StringBuilder(), List.of(schema.fieldNames()));
    for (Row row : rows) {
      List<Object> line = new ArrayList<>();
      for (int c = 0; c < schema.size(); c++) line.add(row.isNullAt(c) ? null : csvValue(row.get(c)));
      Csv.line(sb, line);
    }
    out.print(sb);
  }

  /** Text stays text (neutralised when it looks like a formula); numbers and the rest as their text. */
  private static Object csvValue(Object value) {
    return value instanceof CharSequence || value instanceof Number ? value : String.valueOf(value);
  }

  private static void json(StructType schema, List<Row> rows, PrintWriter out) {
    for (Row row : rows) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (int c = 0; c < schema.size(); c++) object.put(schema.fields()[c].name(), jsonValue(row.get(c)));
      out.print(Json.compact(object));
      out.println();
    }
  }

  private static Object jsonValue(Object value) {
    if (value instanceof java.sql.Date || value instanceof java.sql.Timestamp || value instanceof java.math.BigDecimal) {
      return value.toString();
    }
    if (value instanceof byte[] bytes) return java.util.Base64.getEncoder().encodeToString(bytes);
    if (value instanceof scala.collection.Seq<?> seq) return scala.jdk.javaapi.CollectionConverters.asJava(seq);
    if (value instanceof scala.collection.Map<?, ?> map) return scala.jdk.javaapi.CollectionConverters.asJava(map);
    if (value instanceof Row r) return r.toString();
    return value;
  }
}
