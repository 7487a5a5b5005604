package io.tracegraph.jobs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.nightly.DatabaseEdges;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.jobs.nightly.NightlyRunner;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import io.tracegraph.model.TrafficScenarios;
import io.tracegraph.reports.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly job reading a Grafana Tempo backend ({@code --format tempo}). */
class TempoSourceTest extends SparkTestBase {
  static final LocalDate DAY = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);
  static final String META_V4_PEER_IN_STRING02 = "[{\"s\":\"resource\",\"n\":\"k8s.pod.name\"},{\"n\":\"http.method\"},"
      + "{\"n\":\"peer.service\"}]";
  static final String META_V5_PEER_IN_STRING02 = "[{\"n\":\"http.url\"},{\"n\":\"http.status_code\",\"t\":\"int\"},"
      + "{\"n\":\"peer.service\"}]";
  static final String META_NO_PEER = "[{\"n\":\"http.method\"}]";

  @TempDir Path tmp;

  /** Spans of the scenarios, each tagged with its trace. */
  private static List<TempoFixtures.TraceSpan> spansOf(List<Scenarios.Trace> traces) {
    List<TempoFixtures.TraceSpan> spans = new ArrayList<>();
    for (Scenarios.Trace t : traces) for (Span s : t.spans()) spans.add(new TempoFixtures.TraceSpan(t.traceId(), s));
    return spans;
  }

  /** The same spans with every service renamed: links from them would show up as ghost links. */
  private static List<TempoFixtures.TraceSpan> ghosts(List<TempoFixtures.TraceSpan> spans, long shiftNanos) {
    List<TempoFixtures.TraceSpan> out = new ArrayList<>();
    for (TempoFixtures.TraceSpan ts : spans) {
      Span s = ts.span();
      out.add(new TempoFixtures.TraceSpan(ts.traceId(), new Span(s.spanId(), s.parentId(), "ghost-" + s.service(),
          s.name(), s.kind(), s.startNanos() + shiftNanos, s.endNanos() + shiftNanos, s.error(), s.peer())));
    }
    return out;
  }

  /**
   * A backend as Tempo leaves it: traces split over a vParquet4 and a vParquet5 block whose metas map peer.service to
   * different spare columns, other traces in a block without that mapping (peers in Attrs), a second copy of one trace
   * (replication), a compacted block, a block of another week and a block still being written (no meta.json) — the
   * last three holding "ghost" services. The job gives exactly the scenarios' links, drops and counts the duplicates,
   * and reports which blocks it skipped and why. The format is detected from the block folders.
   */
  @Test
  void backendWithSplitTracesDuplicatesAndSkippedBlocksGivesTheScenariosLinks() throws Exception {
    List<Scenarios.Trace> traces = Scenarios.traces();
    List<TempoFixtures.TraceSpan> a = new ArrayList<>();
    List<TempoFixtures.TraceSpan> b = new ArrayList<>();
    List<Scenarios.Trace> odd = new ArrayList<>();
    for (int i = 0; i < traces.size(); i++) {
      if (i % 2 == 1) {
        odd.add(traces.get(i));
        continue;
      }
      List<TempoFixtures.TraceSpan> spans = spansOf(List.of(traces.get(i)));
      for (int j = 0; j < spans.size(); j++) (j % 2 == 0 ? a : b).add(spans.get(j));
    }
    List<TempoFixtures.TraceSpan> c = spansOf(odd);
    List<TempoFixtures.TraceSpan> copyOfTrace1 = spansOf(List.of(traces.get(1)));
    Path tenant = tmp.resolve("tempo/single-tenant");
    Path blockA = tenant.resolve("0a000000-0000-4000-8000-00000000000a");
    Path blockB = tenant.resolve("0b000000-0000-4000-8000-00000000000b");
    Path blockC = tenant.resolve("0c000000-0000-4000-8000-00000000000c");
    Path blockD = tenant.resolve("0d000000-0000-4000-8000-00000000000d");
    TempoFixtures.writeV4(spark(), blockA, a, "String02");
    TempoFixtures.writeMeta(blockA, "vParquet4", a, META_V4_PEER_IN_STRING02, false);
    TempoFixtures.writeV5(blockB, b, "String02");
    TempoFixtures.writeMeta(blockB, "vParquet5", b, META_V5_PEER_IN_STRING02, false);
    TempoFixtures.writeV4(spark(), blockC, c, null);
    TempoFixtures.writeMeta(blockC, "vParquet4", c, META_NO_PEER, false);
    TempoFixtures.writeV5(blockD, copyOfTrace1, null);
    TempoFixtures.writeMeta(blockD, "vParquet5", copyOfTrace1, "[]", false);

    List<TempoFixtures.TraceSpan> all = spansOf(traces);
    Path compacted = tenant.resolve("0e000000-0000-4000-8000-00000000000e");
    TempoFixtures.writeV4(spark(), compacted, ghosts(all, 0), null);
    TempoFixtures.writeMeta(compacted, "vParquet4", all, "[]", true);
    Path nextWeek = tenant.resolve("0f000000-0000-4000-8000-00000000000f");
    long week = 7 * 86_400_000_000_000L;
    TempoFixtures.writeV5(nextWeek, ghosts(all, week), null);
    TempoFixtures.writeMeta(nextWeek, "vParquet5", ghosts(all, week), "[]", false);
    TempoFixtures.writeV5(tenant.resolve("10000000-0000-4000-8000-000000000010"), ghosts(all, 0), null); // no meta yet

    Path out = tmp.resolve("out");
    DependencyGraphJob.Result result = NightlyRunner.run(spark(), NightlyOptions.of(tmp.resolve("tempo").toString(), out.toString(), DAY));

    assertEquals(Scenarios.expectedLinks(), result.links());
    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    assertEquals("tempo", run.get("format").asText());
    JsonNode source = run.get("source");
    assertEquals(7, source.get("blocks_listed").asLong());
    assertEquals(4, source.get("blocks_read").asLong());
    assertEquals(1, source.get("blocks_compacted").asLong());
    assertEquals(1, source.get("blocks_outside_window").asLong());
    assertEquals(1, source.get("blocks_without_meta").asLong());
    assertEquals(copyOfTrace1.size(), source.get("duplicate_spans_dropped").asLong(), "trace 1 was written twice");
    assertEquals(all.size(), run.get("rows_read").asLong(), "each span once");
    assertEquals(0, run.get("rows_dropped").asLong());
    assertEquals(0, run.get("repairs").get("kind_spelling").asLong(), "OTLP numbers read as kind names");
    assertEquals(0, run.get("repairs").get("status_spelling").asLong());
    assertEquals(0, run.get("traces").get("duplicates_merged").asLong());
    assertEquals(traces.size(), run.get("traces").get("traces").asLong());
    assertEquals(4, run.get("input_files").size());
  }

  /** A block of an unsupported version stops the run naming its meta.json; with --skip-bad-files it is listed. */
  @Test
  void unsupportedBlockVersionStopsUnlessSkipped() throws Exception {
    List<TempoFixtures.TraceSpan> all = spansOf(Scenarios.traces());
    Path tenant = tmp.resolve("tempo/t1");
    Path good = tenant.resolve("0a000000-0000-4000-8000-00000000000a");
    TempoFixtures.writeV5(good, all, null);
    TempoFixtures.writeMeta(good, "vParquet5", all, "[]", false);
    Path old = tenant.resolve("0b000000-0000-4000-8000-00000000000b");
    TempoFixtures.writeV5(old, ghosts(all, 0), null);
    TempoFixtures.writeMeta(old, "vParquet3", all, "[]", false);
    String root = tmp.resolve("tempo").toString();

    BadInputException e = assertThrows(BadInputException.class, () -> NightlyRunner.run(spark(),
        NightlyOptions.builder(root, tmp.resolve("out").toString(), DAY).format(SpanFormat.TEMPO).build()));
    assertTrue(e.getMessage().contains(old.resolve("meta.json").toString()) && e.getMessage().contains("vParquet3"),
        e.getMessage());

    DependencyGraphJob.Result result = NightlyRunner.run(spark(), NightlyOptions.builder(root, tmp.resolve("out")
        .toString(), DAY).skipBadFiles(true).format(SpanFormat.TEMPO).build());
    assertEquals(Scenarios.expectedLinks(), result.links());
    assertTrue(result.report().skippedFiles().keySet().iterator().next().endsWith("meta.json"));
  }

  /** --tenant reads one tenant's blocks; the default reads every tenant under the root. */
  @Test
  void tenantOptionSelectsOneTenant() throws Exception {
    List<TempoFixtures.TraceSpan> all = spansOf(Scenarios.traces());
    Path mine = tmp.resolve("tempo/mine/0a000000-0000-4000-8000-00000000000a");
    TempoFixtures.writeV5(mine, all, null);
    TempoFixtures.writeMeta(mine, "vParquet5", all, "[]", false);
    Path theirs = tmp.resolve("tempo/theirs/0b000000-0000-4000-8000-00000000000b");
    TempoFixtures.writeV5(theirs, ghosts(all, 0), null);
    TempoFixtures.writeMeta(theirs, "vParquet5", all, "[]", false);
    String root = tmp.resolve("tempo").toString();

    DependencyGraphJob.Result one = NightlyRunner.run(spark(), NightlyOptions.builder(root, tmp.resolve("out1")
        .toString(), DAY).format(SpanFormat.TEMPO).tenant("mine").build());
    assertEquals(Scenarios.expectedLinks(), one.links());

    DependencyGraphJob.Result both = NightlyRunner.run(spark(), NightlyOptions.builder(root, tmp.resolve("out2")
        .toString(), DAY).format(SpanFormat.TEMPO).build());
    assertTrue(both.links().stream().anyMatch(l -> l.child().startsWith("ghost-")), "the other tenant read too");
    assertTrue(Files.exists(mine.resolve("data.parquet")));
  }

  /**
   * Databases in Tempo blocks, named as instrumentation names them (db.system.name, db.namespace): in the attribute
   * list of a vParquet4 block, and in dedicated columns of a vParquet5 one. Nodes are named by the system, each
   * namespace is its own database edge, as with every other source.
   */
  @Test
  void databasesAreNamedBySystemWithTheirNamespaces() throws Exception {
    List<TempoFixtures.TraceSpan> spans = spansOf(List.of(
        new Scenarios.Trace(TestTraces.traceIdHex(90), TrafficScenarios.databases())));
    List<TempoFixtures.TraceSpan> a = new ArrayList<>();
    List<TempoFixtures.TraceSpan> b = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) (i % 2 == 0 ? a : b).add(spans.get(i));
    Path tenant = tmp.resolve("tempo-db/single-tenant");
    Path blockA = tenant.resolve("1a000000-0000-4000-8000-00000000001a");
    Path blockB = tenant.resolve("1b000000-0000-4000-8000-00000000001b");
    TempoFixtures.writeV4(spark(), blockA, a, null);
    TempoFixtures.writeMeta(blockA, "vParquet4", a, META_NO_PEER, false);
    TempoFixtures.writeV5WithSpareColumns(blockB, b, java.util.Map.of("db.namespace", "String02", "db.system.name", "String03"));
    TempoFixtures.writeMeta(blockB, "vParquet5", b, "[{\"n\":\"http.url\"},{\"n\":\"http.status_code\",\"t\":\"int\"},"
        + "{\"n\":\"db.namespace\"},{\"n\":\"db.system.name\"}]", false);

    Path out = tmp.resolve("out-db");
    DependencyGraphJob.Result result = NightlyRunner.run(spark(),
        NightlyOptions.of(tmp.resolve("tempo-db").toString(), out.toString(), DAY));
    DatabaseEdges.assertWritten(spark(), out, DAY, result);
  }
}
