package io.tracegraph.tools;

import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.TestDirs;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.tools.generate.ImperfectionMode;
import io.tracegraph.tools.generate.InjectedPatterns;
import io.tracegraph.tools.generate.Perturbations;
import io.tracegraph.tools.generate.TestGeneration;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * A small generated week, analysed by the nightly job day by day: the output that readers of the tables (DuckDB, the
 * notebooks) are tested on. Built once per test JVM in the shared SparkSession, under {@code target/generated-week/},
 * so the tests that need multi-day output share one generation and seven nightly runs.
 */
public final class GeneratedWeek extends SparkTestBase {
  public static final LocalDate FIRST = LocalDate.of(2026, 3, 2);
  public static final int DAYS = 7;
  public static final LocalDate LAST = FIRST.plusDays(DAYS - 1);
  /** Small enough for a few seconds per day, large enough for every table to have rows (errors, skew, orphans). */
  static final long SPANS = 14_000;
  /** An N+1 loop, a retried call and a linked batch consumer, so that call_patterns and via-links edges have rows. */
  static final InjectedPatterns PATTERNS = InjectedPatterns.parse(List.of("review=tax:6"), List.of("cart=tax:3"),
      List.of(), List.of("fulfillment=20"));

  private static Path out;

  private GeneratedWeek() {}

  /** The nightly output root of the week ({@code OUT/tables/...}, {@code OUT/reports/...}). */
  public static synchronized Path out() {
    if (out == null) out = build(Path.of("target", "generated-week").toAbsolutePath());
    return out;
  }

  private static Path build(Path root) {
    TestDirs.delete(root);
    Path spans = root.resolve("spans");
    Path output = root.resolve("out");
    SparkSession spark = spark();
    TestGeneration.generate(spark, TestGeneration.options(spans, FIRST).days(DAYS).spans(SPANS).seed(7)
        .imperfections(ImperfectionMode.REALISTIC), Perturbations.NONE.with(PATTERNS));
    for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
      new DependencyGraphJob(NightlyOptions.of(spans.toString(), output.toString(), day)).run(spark);
    }
    return output;
  }

}
