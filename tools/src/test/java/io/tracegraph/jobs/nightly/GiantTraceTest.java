package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.reports.Json;
import io.tracegraph.tools.bench.HugeTraceCommand;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * issue 13's "a trace of 5M spans" in the test suite: one trace of 5,000,000 spans (the default
 * {@code --max-trace-spans}, so it is analysed whole) runs to the end in the test JVM's heap, every row read is a span
 * of the one trace, nothing dropped, and its map is the map of the same tree at 20,000 spans, with about 250 times the
 * calls. (Its time and memory are measured by {@code HUGE_SPANS=5000000 scripts/bench --huge-trace}.)
 */
class GiantTraceTest extends SparkTestBase {
  static final LocalDate DAY = LocalDate.of(2026, 1, 15);
  static final int SPANS = 5_000_000;
  static final int SMALL = 20_000;
  @TempDir Path tmp;

  @Test
  void aTraceOfFiveMillionSpansIsAnalysedWhole() throws Exception {
    Map<String, DependencyLink> small = links(run(SMALL, "small"));
    Path out = run(SPANS, "giant");
    Map<String, DependencyLink> giant = links(out);

    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    assertEquals(SPANS, run.get("rows_read").asLong());
    assertEquals(SPANS, run.at("/traces/spans").asLong(), "every row is a span of the tree");
    assertEquals(1, run.at("/traces/traces").asLong());
    assertEquals(0, run.at("/traces/traces_too_large").asLong());
    long dropped = 0;
    for (JsonNode n : run.get("rows_dropped_by_reason")) dropped += n.asLong();
    assertEquals(0, dropped, run.get("rows_dropped_by_reason").toString());

    assertEquals(small.keySet(), giant.keySet(), "the same map as the same tree at " + SMALL + " spans");
    for (String edge : small.keySet()) { // the root's own edge (db -> svc-1) is one call in both
      assertTrue(giant.get(edge).callCount() >= small.get(edge).callCount(), edge + ": no fewer calls");
    }
    assertTrue(calls(giant) > 200 * calls(small), calls(giant) + " calls against " + calls(small));
  }

  /** Writes the one-trace day of {@code spans} spans and runs the nightly job on it; returns the output root. */
  private Path run(int spans, String name) {
    Path archive = tmp.resolve(name + "-spans");
    Path out = tmp.resolve(name + "-out");
    HugeTraceCommand.write(spark(), archive.toString(), DAY, spans);
    NightlyRunner.run(spark(), archive, out, DAY);
    return out;
  }

  private static long calls(Map<String, DependencyLink> links) {
    return links.values().stream().mapToLong(DependencyLink::callCount).sum();
  }

  private static Map<String, DependencyLink> links(Path out) {
    List<DependencyLink> links = NightlyRunner.tableLinks(spark(), out, DAY);
    assertTrue(links.size() > 10, links.toString());
    return links.stream().collect(Collectors.toMap(l -> l.parent() + " -> " + l.child(), Function.identity()));
  }
}
