package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import io.tracegraph.reports.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance scenarios of the link rules, each through Parquet → Spark job → output, expecting exactly the
 * links the pure model tests expect (Zipkin's redundancy: integrated storage must not fail through mismapping).
 */
class DependencyGraphJobTest extends SparkTestBase {
  static final LocalDate DAY = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);

  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> acceptanceScenariosThroughParquet() {
    return TestTraces.acceptanceScenarios().stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
      Path dir = Files.createDirectories(tmp.resolve(scenario.name().replaceAll("[^A-Za-z0-9]+", "_")));
      Path spans = dir.resolve("spans");
      Path out = dir.resolve("out");
      ArchiveFixtures.write(spark(), spans, List.of(scenario.spans()));

      DependencyGraphJob.Result result = NightlyRunner.run(spark(), spans, out, DAY);

      assertEquals(scenario.expectedLinks(), result.links(), "links returned");
      assertEquals(scenario.expectedLinks(), NightlyRunner.jsonLinks(out, DAY), "dependencies.json");
      assertEquals(scenario.expectedLinks(), NightlyRunner.tableLinks(spark(), out, DAY), "dependency_links table");
    }));
  }

  /** Case 11: 256 traces web-i → app-i → db-i give exactly 512 links, one call each. */
  @Test
  void manySmallTracesGiveOneLinkPerHop() throws Exception {
    Path spans = tmp.resolve("spans");
    Path out = tmp.resolve("out");
    ArchiveFixtures.write(spark(), spans, TestTraces.chains(256));

    List<DependencyLink> links = NightlyRunner.run(spark(), spans, out, DAY).links();

    assertEquals(512, links.size());
    assertTrue(links.stream().allMatch(l -> l.callCount() == 1 && l.errorCount() == 0));
    assertEquals(links, NightlyRunner.tableLinks(spark(), out, DAY));
  }

  /** Case 10: running the same day twice leaves identical output: no double counting, no stale files. */
  @Test
  void rerunningADayReplacesItsOutput() throws Exception {
    Path spans = tmp.resolve("spans");
    Path out = tmp.resolve("out");
    List<List<Span>> traces = new ArrayList<>();
    TestTraces.acceptanceScenarios().forEach(s -> traces.add(s.spans()));
    ArchiveFixtures.write(spark(), spans, traces);

    NightlyRunner.run(spark(), spans, out, DAY);
    byte[] first = Files.readAllBytes(NightlyRunner.report(out, DAY, OutputLayout.DEPENDENCIES_JSON));
    List<DependencyLink> firstTable = NightlyRunner.tableLinks(spark(), out, DAY);
    NightlyRunner.run(spark(), spans, out, DAY);
    byte[] second = Files.readAllBytes(NightlyRunner.report(out, DAY, OutputLayout.DEPENDENCIES_JSON));

    assertArrayEquals(first, second, "byte-identical dependencies.json");
    assertEquals(firstTable, NightlyRunner.tableLinks(spark(), out, DAY), "table not appended to");
    try (Stream<Path> files = Files.list(out.resolve("tables/dependency_links/date=" + DAY))) {
      assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count());
    }
    assertFalse(Files.exists(out.resolve(".staging")), "staging cleaned up");

    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    long spanRows = traces.stream().mapToLong(List::size).sum();
    assertEquals(spanRows, run.get("rows_read").asLong());
    assertEquals(traces.size(), run.get("traces").get("traces").asLong());
    assertEquals(0, run.get("rows_dropped").asLong());
  }
}
