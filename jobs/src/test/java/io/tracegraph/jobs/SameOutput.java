package io.tracegraph.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracegraph.reports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Asserts that two output roots of the nightly job hold the same output, wherever they are (a local folder, a bucket,
 * a cluster run's folder): the same tables with the same rows for each day, and the same report files with the same
 * bytes, except what names where and when a run happened: in run.json the start time, the seconds per stage and the
 * input files' location (compared relative to their input root).
 */
public final class SameOutput {
  private SameOutput() {}

  /** An output root and the input root its run read (for run.json's input files). */
  public record Run(String out, String spans) {}

  public static void assertSame(SparkSession spark, Configuration conf, Run expected, Run actual, List<LocalDate> days)
      throws IOException {
    assertSame(spark, conf, expected, actual, days, false);
  }

  /**
   * {@link #assertSame} for two runs of the same spans stored in other files (one file, or many, in another order):
   * the input files, their number and what the source counted per file are left out of the comparison, the rest must
   * be the same, to the byte.
   */
  public static void assertSameOverInputLayouts(SparkSession spark, Configuration conf, Run expected, Run actual,
                                                List<LocalDate> days) throws IOException {
    assertSame(spark, conf, expected, actual, days, true);
  }

  private static void assertSame(SparkSession spark, Configuration conf, Run expected, Run actual,
                                 List<LocalDate> days, boolean otherFiles) throws IOException {
    Map<String, String> want = reports(conf, expected, otherFiles);
    Map<String, String> got = reports(conf, actual, otherFiles);
    assertEquals(want.keySet(), got.keySet(), "report files of " + actual.out() + " vs " + expected.out());
    want.forEach((file, text) -> assertEquals(text, got.get(file), "reports/" + file));

    List<String> tables = tables(conf, expected.out());
    assertEquals(tables, tables(conf, actual.out()), "tables of " + actual.out());
    for (String table : tables) {
      for (LocalDate day : days) {
        assertEquals(rows(spark, expected.out(), table, day), rows(spark, actual.out(), table, day),
            "table " + table + " of " + day);
      }
    }
  }

  /** Every file under OUT/reports/ by relative path, run.json normalised. */
  private static Map<String, String> reports(Configuration conf, Run run, boolean otherFiles) throws IOException {
    Path root = new Path(run.out(), "reports");
    FileSystem fs = root.getFileSystem(conf);
    String prefix = fs.makeQualified(root).toString() + "/";
    Map<String, String> files = new TreeMap<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      Path file = it.next().getPath();
      String relative = file.toString().substring(prefix.length());
      if (file.getName().endsWith(".crc")) continue; // local checksum files
      String text;
      try (InputStream in = fs.open(file)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (file.getName().equals("run.json")) {
        text = normalisedRunJson(text, fs, run.spans());
        if (otherFiles) text = withoutInputFiles(text);
      } else if (otherFiles && file.getName().endsWith(".html")) {
        text = text.replaceAll("(>input files</t[dh]>\\s*<td[^>]*>)[0-9,]+", "$1N");
      }
      files.put(relative, text);
    }
    return files;
  }

  /** run.json without its times, with input files relative to the input root. */
  public static String normalisedRunJson(String text, FileSystem fs, String spans) throws IOException {
    ObjectNode run = (ObjectNode) Json.mapper().readTree(text);
    run.remove("started_at");
    run.remove("seconds_by_stage");
    String spansRoot = new Path(spans).toUri().getPath().replaceAll("/+$", "") + "/";
    ArrayNode inputs = Json.mapper().createArrayNode();
    for (JsonNode f : run.withArray("input_files")) inputs.add(relative(f.asText(), spansRoot));
    run.set("input_files", inputs);
    ObjectNode skipped = Json.mapper().createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> e = run.with("skipped_files").fields(); e.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = e.next();
      skipped.set(relative(entry.getKey(), spansRoot), entry.getValue());
    }
    run.set("skipped_files", skipped);
    return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(run);
  }

  private static String withoutInputFiles(String runJson) throws IOException {
    ObjectNode run = (ObjectNode) Json.mapper().readTree(runJson);
    run.remove("input_files");
    run.remove("source");
    return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(run);
  }

  private static String relative(String file, String spansRoot) {
    String path = new Path(file).toUri().getPath();
    if (!path.startsWith(spansRoot)) throw new AssertionError("input file " + file + " is not under " + spansRoot);
    return path.substring(spansRoot.length());
  }

  private static List<String> tables(Configuration conf, String out) throws IOException {
    Path root = new Path(out, "tables");
    FileSystem fs = root.getFileSystem(conf);
    List<String> names = new ArrayList<>();
    for (var s : fs.listStatus(root)) {
      if (s.isDirectory() && !s.getPath().getName().startsWith(".")) names.add(s.getPath().getName());
    }
    names.sort(null);
    return names;
  }

  /** A day's rows of a table as sorted strings (row order within a file is not part of the contract). */
  private static List<String> rows(SparkSession spark, String out, String table, LocalDate day) {
    return rowTexts(spark.read().parquet(out + "/tables/" + table + "/date=" + day).collectAsList());
  }

  /** Rows as sorted strings with their binary values (latency sketches) spelled out. */
  public static List<String> rowTexts(List<Row> rows) {
    List<String> texts = new ArrayList<>();
    for (Row r : rows) texts.add(text(r));
    texts.sort(null);
    return texts;
  }

  private static String text(Object value) {
    if (value instanceof byte[] bytes) return HexFormat.of().formatHex(bytes);
    if (value instanceof Row row) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < row.length(); i++) sb.append(i == 0 ? "" : ",").append(text(row.get(i)));
      return sb.append(']').toString();
    }
    if (value instanceof scala.collection.Iterable<?> seq) {
      StringBuilder sb = new StringBuilder("(");
      seq.foreach(v -> sb.append(sb.length() == 1 ? "" : ",").append(text(v)));
      return sb.append(')').toString();
    }
    return String.valueOf(value);
  }
}
