package io.tracegraph.jobs.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyRunner;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.reports.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online Boutique traces from the Nezha dataset (../shared/datasets/nezha-onlineboutique: 16 per-minute CSV files of
 * two days, 272,811 rows), imported with {@code --from csv} and a column mapping as its SOURCE.md documents them:
 * {@code TraceID,SpanID,ParentID,PodName,OperationName,StartTimeUnixNano,EndTimeUnixNano,Duration}, ParentID
 * {@code root} for roots, the service being the pod name minus {@code -<replicaset hash>-<pod suffix>}, no kind, no
 * status. Without kinds every span is UNSPECIFIED, which links parent service → child service when they differ: the
 * caller's RPC span → the callee's server span. The nightly job must find exactly the 13 service edges of the
 * dataset's {@code reference_service_edges.csv} (Online Boutique's published architecture, less the two calls the
 * traces do not show) and no others.
 */
class NezhaOnlineBoutiqueTest extends SparkTestBase {
  static final List<String> MAP = List.of("trace_id=TraceID", "span_id=SpanID", "parent_span_id=ParentID",
      "service_name=PodName", "name=OperationName", "start_time_unix_nano=StartTimeUnixNano",
      "end_time_unix_nano=EndTimeUnixNano");
  /** frontend-579b9bff58-t2dbm → frontend: the last two dash-separated parts are the replicaset hash and pod suffix. */
  static final String POD_TO_SERVICE = "(.+)-[a-z0-9]+-[a-z0-9]+";

  @TempDir Path tmp;

  @Test
  void nightlyFindsExactlyTheThirteenReferenceEdges() throws Exception {
    Path dataset = SharedDatasets.require("nezha-onlineboutique");
    List<Path> files;
    try (Stream<Path> s = Files.walk(dataset)) {
      files = s.filter(p -> p.toString().endsWith("_trace.csv")).sorted().toList();
    }
    assertEquals(16, files.size(), "15 fault-window files and the fault-free one");
    Path spans = tmp.resolve("spans");

    List<ImportJob.FileResult> imported = ImportRunner.run(ImportFormat.CSV, spans, files,
        CsvMapping.parse(MAP, POD_TO_SERVICE), true); // --strict: every row of this dataset must read

    long rows = imported.stream().mapToLong(ImportJob.FileResult::spans).sum();
    assertEquals(249_842 + 22_969, rows, "every row of SOURCE.md's counts");
    Map<LocalDate, Long> byDay = new TreeMap<>();
    imported.forEach(r -> r.spansByDay().forEach((d, n) -> byDay.merge(d, n, Long::sum)));
    assertEquals(List.of(LocalDate.of(2022, 8, 22), LocalDate.of(2022, 8, 23)), List.copyOf(byDay.keySet()));

    Map<String, Long> edges = new TreeMap<>();
    long duplicates = 0;
    for (LocalDate day : byDay.keySet()) {
      Path out = tmp.resolve("out");
      for (DependencyLink l : NightlyRunner.run(spark(), spans, out, day).links()) {
        edges.merge(l.parent() + "," + l.child(), l.callCount(), Long::sum);
        assertEquals(0, l.errorCount(), "the CSV has no status");
      }
      JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, day, OutputLayout.RUN_JSON).toFile());
      assertEquals(0, run.get("rows_dropped").asLong());
      assertEquals(0, run.get("traces").get("orphans").asLong(), "SOURCE.md: trees are complete");
      duplicates += run.get("traces").get("duplicates_merged").asLong();
    }
    assertEquals(2_515, duplicates, "SOURCE.md: rows repeating a row of the adjacent minute's file");

    Map<String, Long> reference = new TreeMap<>();
    List<String> lines = Files.readAllLines(dataset.resolve("reference_service_edges.csv"));
    assertEquals("parent_service,child_service,calls", lines.get(0));
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) continue;
      String[] f = line.split(",");
      reference.put(f[0] + "," + f[1], Long.parseLong(f[2]));
    }
    assertEquals(13, reference.size());
    assertEquals(reference.keySet(), edges.keySet(), "exactly the reference edges, no others");
    // The reference also counts calls over the de-duplicated spans; one hop is one call, so the counts agree too.
    assertEquals(reference, edges, "calls per edge");
  }
}
