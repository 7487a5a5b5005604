package io.tracegraph.jobs.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.archive.ArchiveWriter;
import io.tracegraph.jobs.archive.SpanArchiveSchema;
import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyRunner;
import io.tracegraph.jobs.source.Scenarios;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import io.tracegraph.reports.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tracegraph import} end to end: other tools' files → span archive v1 → the nightly job. The scenario traces
 * written in each format give exactly the scenarios' links, so every field the links depend on is mapped right.
 */
class ImportFormatsTest extends SparkTestBase {
  static final LocalDate DAY = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);

  @TempDir Path tmp;

  private static long spanCount() {
    return Scenarios.traces().stream().mapToLong(t -> t.spans().size()).sum();
  }

  private static JsonNode runJson(Path out) throws Exception {
    return Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
  }

  /**
   * The Collector's file-exporter lines (enum integers, 64-bit numbers as strings, upper-case hex, AnyValues) give the
   * scenarios' links; a line that is not JSON and a span with an invalid id are reported with their line numbers and
   * skipped, and the rest of the file is imported.
   */
  @Test
  void otlpJsonGivesTheScenariosLinksAndReportsBadLines() throws Exception {
    List<String> lines = new ArrayList<>(FormatFixtures.otlpJsonLines(Scenarios.traces()));
    lines.add(2, "{\"resourceSpans\": [ this is not json");
    lines.add(4, "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\",\"spanId\":\"01\","
        + "\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\"}]}]}]}");
    lines.add(5, "");
    Path file = Files.write(tmp.resolve("traces.jsonl"), lines);
    Path out = tmp.resolve("spans");

    ImportJob.FileResult r = ImportRunner.run(ImportFormat.OTLP_JSON, out, List.of(file)).get(0);

    assertEquals(spanCount(), r.spans());
    assertEquals(2, r.unreadable());
    assertTrue(r.problems().get(0).startsWith("line 3: not JSON"), r.problems().toString());
    assertTrue(r.problems().get(1).startsWith("line 5: trace id 'xyz'"), r.problems().toString());
    DependencyGraphJob.Result result = NightlyRunner.run(spark(), out, tmp.resolve("out"), DAY);
    assertEquals(Scenarios.expectedLinks(), result.links());
    assertEquals(spanCount(), runJson(tmp.resolve("out")).get("rows_read").asLong());
    assertEquals(0, runJson(tmp.resolve("out")).get("rows_dropped").asLong());
    // The record of the import says the same.
    JsonNode record = Json.mapper().readTree(out.resolve(ImportJob.RECORDS).resolve(r.key() + ".json").toFile());
    assertEquals(2, record.get("unreadable").asLong());
    assertEquals(spanCount(), record.get("spans_by_day").get(DAY.toString()).asLong());
  }

  /** Jaeger's JSON (processes, CHILD_OF references, span.kind and error tags) gives the scenarios' links. */
  @Test
  void jaegerJsonGivesTheScenariosLinks() throws Exception {
    Path file = Files.writeString(tmp.resolve("jaeger.json"), FormatFixtures.jaegerJson(Scenarios.traces()));
    Path out = tmp.resolve("spans");

    ImportJob.FileResult r = ImportRunner.run(ImportFormat.JAEGER_JSON, out, List.of(file)).get(0);

    assertEquals(spanCount(), r.spans());
    assertEquals(0, r.unreadable());
    assertEquals(Scenarios.expectedLinks(), NightlyRunner.run(spark(), out, tmp.resolve("out"), DAY).links());
  }

  /** Imported files have exactly span archive v1's schema, as Spark reads it, and keep every field. */
  @Test
  void importedFilesHaveTheArchiveSchema() throws Exception {
    Path file = Files.write(tmp.resolve("t.jsonl"), FormatFixtures.otlpJsonLines(Scenarios.traces().subList(0, 1)));
    Path out = tmp.resolve("spans");
    ImportRunner.run(ImportFormat.OTLP_JSON, out, List.of(file));

    var read = spark().read().parquet(out.resolve("date=" + DAY).toString());
    assertEquals(SpanArchiveSchema.STRUCT.treeString(), read.schema().treeString());
    Span first = Scenarios.traces().get(0).spans().get(0);
    Row row = read.where("span_id = '" + io.tracegraph.model.HexIds.toHex(first.spanId()) + "'").collectAsList().get(0);
    assertEquals(Scenarios.traces().get(0).traceId(), row.getAs("trace_id"));
    assertEquals(first.service(), row.getAs("service_name"));
    assertEquals(first.kind().name(), row.getAs("kind"));
    assertEquals(first.startNanos(), (long) row.getAs("start_time_unix_nano"));
    assertEquals(first.endNanos(), (long) row.getAs("end_time_unix_nano"));
    assertEquals("[\"a\",\"2\"]", row.<scala.collection.Map<String, String>>getAs("attributes").get("tags").get());
    assertEquals("false", row.<scala.collection.Map<String, String>>getAs("attributes").get("retry").get());
    assertEquals("4", row.<scala.collection.Map<String, String>>getAs("resource_attributes").get("host.cpus").get());
  }

  /**
   * Importing the same file again changes nothing (same files, same bytes, counted once by the nightly job); another
   * file is added beside it, not replacing it. Spans go to the partition of their start's UTC day.
   */
  @Test
  void reimportIsIdempotentAndOtherFilesAreAdded() throws Exception {
    List<Scenarios.Trace> traces = Scenarios.traces();
    Path first = Files.write(tmp.resolve("a.jsonl"), FormatFixtures.otlpJsonLines(traces.subList(0, 3)));
    Path second = Files.write(tmp.resolve("b.jsonl"), FormatFixtures.otlpJsonLines(traces.subList(3, traces.size())));
    Path out = tmp.resolve("spans");
    Path dayDir = out.resolve("date=" + DAY);

    ImportJob.FileResult r1 = ImportRunner.run(ImportFormat.OTLP_JSON, out, List.of(first)).get(0);
    List<Path> filesAfterFirst = parquetFiles(dayDir);
    byte[] bytes = Files.readAllBytes(filesAfterFirst.get(0));
    ImportJob.FileResult again = ImportRunner.run(ImportFormat.OTLP_JSON, out, List.of(first)).get(0);

    assertFalse(r1.alreadyImported());
    assertTrue(again.alreadyImported());
    assertEquals(r1.key(), again.key());
    assertEquals(filesAfterFirst, parquetFiles(dayDir));
    assertArrayEquals(bytes, Files.readAllBytes(filesAfterFirst.get(0)));

    ImportRunner.run(ImportFormat.OTLP_JSON, out, List.of(second));
    assertEquals(2, parquetFiles(dayDir).size(), "the second file is added beside the first");
    assertEquals(Scenarios.expectedLinks(), NightlyRunner.run(spark(), out, tmp.resolve("out"), DAY).links());
    assertEquals(0, runJson(tmp.resolve("out")).get("traces").get("duplicates_merged").asLong(), "nothing twice");
    assertFalse(Files.exists(out.resolve(".staging")), "staging cleaned up");
  }

  /** A trace crossing midnight is split by the day of each span's start, as span archive v1 is partitioned. */
  @Test
  void spansGoToTheDayOfTheirStart() throws Exception {
    long midnight = TestTraces.DAY_START_NANOS + 86_400_000_000_000L;
    String line = "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"a\"}}]},"
        + "\"scopeSpans\":[{\"spans\":["
        + "{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"b7ad6b7169203331\",\"kind\":2,"
        + "\"startTimeUnixNano\":\"" + (midnight - 5) + "\",\"endTimeUnixNano\":\"" + (midnight + 100) + "\"},"
        + "{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"00f067aa0ba902b7\",\"parentSpanId\":\"b7ad6b7169203331\","
        + "\"kind\":3,\"startTimeUnixNano\":" + (midnight + 1) + ",\"endTimeUnixNano\":" + (midnight + 50) + "}]}]}]}";
    Path file = Files.writeString(tmp.resolve("m.jsonl"), line + "\n");
    Path out = tmp.resolve("spans");

    ImportJob.FileResult r = ImportRunner.run(ImportFormat.OTLP_JSON, out, List.of(file)).get(0);

    assertEquals(List.of(DAY, DAY.plusDays(1)), List.copyOf(r.spansByDay().keySet()));
    assertEquals(1, spark().read().parquet(out.resolve("date=" + DAY).toString()).count());
    assertEquals(1, spark().read().parquet(out.resolve("date=" + DAY.plusDays(1)).toString()).count());
  }

  /**
   * Spans of more days than the writer keeps open, interleaved: the least recently used day's file is closed and the
   * day gets another part when it comes back; every span lands once in its day.
   */
  @Test
  void interleavedDaysBeyondTheOpenFileLimitKeepEverySpan() throws Exception {
    int days = ArchiveWriter.MAX_OPEN_DAYS + 3;
    StringBuilder lines = new StringBuilder();
    int n = 0;
    for (int round = 0; round < 3; round++) {
      for (int d = 0; d < days; d++, n++) {
        long start = TestTraces.TEN_AM_NANOS + d * 86_400_000_000_000L + round;
        lines.append("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
            + "\"spanId\":\"").append(String.format("%016x", n + 1)).append("\",\"startTimeUnixNano\":\"").append(start)
            .append("\",\"endTimeUnixNano\":\"").append(start + 10).append("\"}]}]}]}\n");
      }
    }
    Path file = Files.writeString(tmp.resolve("days.jsonl"), lines);
    Path out = tmp.resolve("spans");

    ImportJob.FileResult r = ImportRunner.run(ImportFormat.OTLP_JSON, out, List.of(file)).get(0);

    assertEquals(days, r.spansByDay().size());
    assertEquals(n, spark().read().parquet(out.toString()).count(), "every span once");
    assertEquals(3, spark().read().parquet(out.resolve("date=" + DAY).toString()).count());
    assertTrue(parquetFiles(out.resolve("date=" + DAY)).size() > 1, "the first day was closed and reopened");
  }

  /**
   * CSV with a column mapping: quoted fields, microsecond start with a duration, an attribute column, no kind
   * (UNSPECIFIED: parent service → service), the pod name rewritten to its service; a row with too few fields and one
   * with a bad number are reported by line and skipped.
   */
  @Test
  void csvWithMappingGivesParentToChildLinks() throws Exception {
    long t = (TestTraces.TEN_AM_NANOS) / 1000;
    String csv = String.join("\n",
        "Trace,Span,Parent,Pod,Op,StartUs,DurUs,Db",
        "4bf92f3577b34da6a3ce929d0e0e4736,00f067aa0ba902b7,root,web-7d9f8b6c5d-x2x4z,\"GET /, home\"," + t + ",900,",
        "4bf92f3577b34da6a3ce929d0e0e4736,00f067aa0ba902b8,00f067aa0ba902b7,cart-5f6585d649-fnmft,GetCart," + (t + 10) + ",100,",
        "4bf92f3577b34da6a3ce929d0e0e4736,00f067aa0ba902b9,00f067aa0ba902b8,cart-5f6585d649-fnmft,redis," + (t + 20) + ",10,redis",
        "4bf92f3577b34da6a3ce929d0e0e4736,00f067aa0ba902ba,00f067aa0ba902b7",
        "4bf92f3577b34da6a3ce929d0e0e4736,00f067aa0ba902bb,00f067aa0ba902b7,cart-5f6585d649-fnmft,x,soon,10,",
        "");
    Path file = Files.writeString(tmp.resolve("spans.csv"), csv);
    Path out = tmp.resolve("spans");
    CsvMapping mapping = CsvMapping.parse(List.of("trace_id=Trace", "span_id=Span", "parent_span_id=Parent",
        "service_name=Pod", "name=Op", "start_time_unix_micro=StartUs", "duration_micro=DurUs", "attr.db.system=Db"),
        "(.+)-[a-z0-9]{9,10}-[a-z0-9]{5}");

    ImportJob.FileResult r = ImportRunner.run(ImportFormat.CSV, out, List.of(file), mapping, false).get(0);

    assertEquals(3, r.spans());
    assertEquals(2, r.unreadable());
    assertTrue(r.problems().get(0).startsWith("line 5: 3 fields, the header has 8"), r.problems().toString());
    assertTrue(r.problems().get(1).startsWith("line 6: StartUs 'soon' is not a number"), r.problems().toString());
    assertEquals(1, r.parentNotHex(), "'root' means no parent");
    var links = NightlyRunner.run(spark(), out, tmp.resolve("out"), DAY).links();
    // web → cart from the UNSPECIFIED span of another service; cart's own redis span stays inside cart.
    assertEquals(List.of(TestTraces.link("web", "cart", 1, 0)), links);
  }

  /**
   * The command line: --strict stops at the first unreadable line with exit code 3 naming file and line, and writes
   * nothing; usage errors (csv without --map, an unknown format) exit 2; a missing input file exits 3.
   */
  @Test
  void commandLineExitCodes() throws Exception {
    Path file = Files.write(tmp.resolve("bad.jsonl"), List.of(FormatFixtures.otlpJsonLines(Scenarios.traces()).get(0),
        "oops"));
    Path out = tmp.resolve("spans");
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(3, TracegraphCli.run("import", "--from", "otlp-json", "--strict", file.toString(), "--out", out.toString()));
      assertTrue(err.toString(StandardCharsets.UTF_8).contains(file + ":2: not JSON"), err.toString(StandardCharsets.UTF_8));
      assertFalse(Files.exists(out.resolve("date=" + DAY)), "nothing imported");
      assertEquals(2, TracegraphCli.run("import", "--from", "csv", file.toString(), "--out", out.toString()));
      assertEquals(2, TracegraphCli.run("import", "--from", "parquet", file.toString(), "--out", out.toString()));
      assertEquals(3, TracegraphCli.run("import", "--from", "zipkin-json", tmp.resolve("absent.json").toString(),
          "--out", out.toString()));
      assertEquals(0, TracegraphCli.run("import", "--from", "otlp-json", file.toString(), "--out", out.toString()));
      assertTrue(Files.exists(out.resolve("date=" + DAY)));
    } finally {
      System.setErr(savedErr);
    }
  }

  static List<Path> parquetFiles(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }

}
