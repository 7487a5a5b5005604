package io.tracegraph.jobs.nightly;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import io.tracegraph.reports.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * issue 11 and 13: a trace too large to hold is left out whole at {@code --max-trace-spans}, and said: the run neither
 * runs out of memory nor draws half a trace into the graph, and what it left out adds up in run.json and the report.
 * (A trace of 5,000,000 spans under the default limit runs in scripts/bench --huge-trace; here a small limit.)
 */
class TraceSpanLimitTest extends SparkTestBase {
  static final LocalDate DAY = DependencyGraphJobTest.DAY;
  static final int BIG = 41; // spans of the big trace: a root and 20 CLIENT → SERVER calls
  @TempDir Path tmp;

  /** The big trace: root SERVER big-web calling big-app 20 times (one CLIENT and one SERVER span per call). */
  static List<Span> bigTrace() {
    List<Span> spans = new ArrayList<>();
    long root = TestTraces.spanId(9000, 1);
    spans.add(TestTraces.span(root, 0, SERVER, "big-web", 0, 1000));
    for (int i = 0; i < (BIG - 1) / 2; i++) {
      long client = TestTraces.spanId(9000, 2 + 2 * i);
      spans.add(TestTraces.span(client, root, CLIENT, "big-web", 10 + i, 5));
      spans.add(TestTraces.span(TestTraces.spanId(9000, 3 + 2 * i), client, SERVER, "big-app", 11 + i, 3));
    }
    return spans;
  }

  /**
   * Limit 40, one trace of 41 spans among 5 small ones: the big trace is dropped whole (its 41 rows under
   * {@code trace_too_large}, one trace under {@code traces_too_large}), the rest is exactly the run without it; at
   * limit 41 it is kept. The counts add up and the report's run record says it.
   */
  @Test
  void aTraceOverTheLimitIsLeftOutWholeAndCounted() throws Exception {
    List<List<Span>> traces = new ArrayList<>(TestTraces.chains(5));
    traces.add(bigTrace());
    Path spans = tmp.resolve("spans");
    ArchiveFixtures.write(spark(), spans, traces);

    Path cutOut = tmp.resolve("cut");
    DependencyGraphJob.Result cut = NightlyRunner.run(spark(),
        NightlyOptions.builder(spans.toString(), cutOut.toString(), DAY).maxTraceSpans(BIG - 1).build());
    assertEquals(TestTraces.chainLinks(5), cut.links(), "the small traces' links only, nothing of the big one");

    JsonNode run = Json.mapper().readTree(NightlyRunner.report(cutOut, DAY, OutputLayout.RUN_JSON).toFile());
    assertEquals(BIG, run.at("/rows_dropped_by_reason/trace_too_large").asLong());
    assertEquals(1, run.at("/traces/traces_too_large").asLong());
    assertEquals(5, run.at("/traces/traces").asLong());
    long dropped = 0;
    for (JsonNode n : run.get("rows_dropped_by_reason")) dropped += n.asLong();
    assertEquals(BIG, dropped);
    assertEquals(run.get("rows_read").asLong(),
        run.at("/traces/spans").asLong() + run.at("/traces/duplicates_merged").asLong() + dropped, "adds up");
    String html = Files.readString(NightlyRunner.report(cutOut, DAY, "index.html"));
    assertTrue(html.contains("traces too large"), "the report's run record counts the trace");
    assertTrue(html.contains("trace too large"), "and its rows");

    DependencyGraphJob.Result kept = NightlyRunner.run(spark(),
        NightlyOptions.builder(spans.toString(), tmp.resolve("kept").toString(), DAY).maxTraceSpans(BIG).build());
    assertTrue(kept.links().contains(TestTraces.link("big-web", "big-app", (BIG - 1) / 2, 0)), kept.links().toString());
    assertEquals(0L, kept.report().traces().get("traces_too_large"));
  }

  @Test
  void theLimitMustBePositive() {
    assertThrows(IllegalArgumentException.class,
        () -> NightlyOptions.builder("in", "out", DAY).maxTraceSpans(0).build());
  }
}
