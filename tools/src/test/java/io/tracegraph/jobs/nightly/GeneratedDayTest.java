package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.reports.Json;
import io.tracegraph.tools.generate.GenerateJob;
import io.tracegraph.tools.generate.GeneratorOptions;
import io.tracegraph.tools.generate.ImperfectionMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's ground truth against the nightly job, end to end through Parquet: on clean data the links are
 * exactly the ones the generator intended; on realistic data every injected imperfection shows up in run.json
 * with the count the generator wrote.
 */
class GeneratedDayTest extends SparkTestBase {
  static final LocalDate FIRST = LocalDate.of(2026, 3, 2);

  @TempDir Path tmp;

  private void generate(Path root, int days, long spans, ImperfectionMode mode) {
    GeneratorOptions options = GeneratorOptions.builder(root.toString(), FIRST).days(days).spans(spans).seed(5)
        .imperfections(mode).master("local[2]").partitions(2).build();
    new GenerateJob(options).run(spark(), StageLog.quiet("test"));
  }

  /** On complete trees inside their day, each night's links equal the generator's intended links exactly. */
  @Test
  void cleanDaysGiveExactlyTheIntendedLinks() {
    Path spans = tmp.resolve("spans");
    generate(spans, 2, 20_000, ImperfectionMode.NONE);
    for (int d = 0; d < 2; d++) {
      LocalDate day = FIRST.plusDays(d);
      List<DependencyLink> links = NightlyRunner.run(spark(), spans, tmp.resolve("out"), day).links();
      List<DependencyLink> expected = new ArrayList<>();
      for (Row r : spark().read().parquet(spans.resolve("_generator/expected_links").toString())
          .where("date = '" + day + "'").collectAsList()) {
        expected.add(new DependencyLink(r.getAs("parent"), r.getAs("child"), r.<Long>getAs("call_count"),
            r.<Long>getAs("error_count")));
      }
      expected.sort(DependencyLink.ORDER);
      assertTrue(expected.size() > 30, "a realistic graph: " + expected.size() + " links");
      assertEquals(expected, links, "day " + day);
    }
  }

  /** Every imperfection the generator injects is found and counted by the nightly run, with the same count. */
  @Test
  void realisticImperfectionsAreCountedAsInjected() throws Exception {
    Path spans = tmp.resolve("spans");
    generate(spans, 1, 30_000, ImperfectionMode.REALISTIC);
    NightlyRunner.run(spark(), spans, tmp.resolve("out"), FIRST);

    JsonNode injected = Json.mapper().readTree(spans.resolve("_generator/summary.json").toFile())
        .get("per_day").get(FIRST.toString()).get("imperfections");
    JsonNode run = Json.mapper().readTree(NightlyRunner.report(tmp.resolve("out"), FIRST, "run.json").toFile());
    assertEquals(injected.get("invalid_rows").get("end_before_start").asLong(),
        run.get("rows_dropped_by_reason").get("end_before_start").asLong());
    assertEquals(injected.get("invalid_rows").get("span_id_missing").asLong(),
        run.get("rows_dropped_by_reason").get("span_id_missing").asLong());
    for (String repair : List.of("id_upper_case", "kind_spelling", "status_spelling")) {
      assertEquals(injected.get("respelled_rows").get(repair).asLong(), run.get("repairs").get(repair).asLong(), repair);
    }
    assertEquals(injected.get("duplicate_rows").asLong(), run.get("traces").get("duplicates_merged").asLong());
    long nameless = injected.get("service_missing").asLong();
    assertTrue(nameless > 0, "rows without a service name are injected");
    assertEquals(nameless, run.get("repairs").get("service_missing").asLong());
    assertEquals(nameless, run.get("trace_quality").get("spans_without_service").asLong(),
        "each counted once, on the pair of the service it ran in or with a null callee, never as 'unknown'");
    assertTrue(injected.get("lost_spans").asLong() > 0);
    assertTrue(run.get("traces").get("orphans").asLong() > 0, "lost spans leave orphans");
    assertTrue(run.get("traces").get("traces_without_root").asLong()
        >= injected.get("broken_propagation_traces").asLong(), "broken propagation leaves headless fragments");
  }
}
