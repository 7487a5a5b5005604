package io.tracegraph.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.xxhash64;
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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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

  /**
   * The trace hash skips {@code lpad} for 32-byte ids: every spelling (cases, 16 digits, short, long, not hex,
   * multi-byte, null) must hash exactly as through {@code lpad}, or rows would cluster differently.
   */
  @Test
  void traceHashIsTheHashOfThePaddedId() {
    List<Row> ids = Stream.of("4bf92f3577b34da6a3ce929d0e0e4736", "4BF92F3577B34DA6A3CE929D0E0E4736",
            "a3ce929d0e0e4736", "000000000000000000000000000000a", "4bf92f3577b34da6a3ce929d0e0e47361",
            "not hex at all, but 32 bytes  ok", "4bf92f3577b34da6a3ce929d0e0e47é", "", null,
            "0000000000000000a3ce929d0e0e4736")
        .map(RowFactory::create).toList();
    Dataset<Row> rows = spark().createDataFrame(ids, new StructType().add("id", DataTypes.StringType));

    List<Row> hashes = rows.select(DependencyGraphJob.traceHash(col("id")),
        xxhash64(unhex(lpad(col("id"), 32, "0")))).collectAsList();

    assertEquals(ids.size(), hashes.size());
    for (int i = 0; i < hashes.size(); i++) {
      assertEquals(hashes.get(i).get(1), hashes.get(i).get(0), "hash of " + ids.get(i));
    }
    assertEquals(hashes.get(0).get(0), hashes.get(1).get(0), "letter case");
    assertEquals(hashes.get(9).get(0), hashes.get(2).get(0), "16-digit spelling and its padded 32 digits");
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
