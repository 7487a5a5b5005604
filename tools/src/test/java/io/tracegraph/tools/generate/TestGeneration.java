package io.tracegraph.tools.generate;

import io.tracegraph.jobs.StageLog;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The generator as the tests run it: on {@code local[2]} with two partitions per day, its log silenced. */
public final class TestGeneration {
  private TestGeneration() {}

  /** Options for days from {@code firstDay} written under {@code spans}; the caller adds days, spans, seed... */
  public static GeneratorOptions.Builder options(Path spans, LocalDate firstDay) {
    return GeneratorOptions.builder(spans.toString(), firstDay).master("local[2]").partitions(2);
  }

  /** Generates the days; returns the generator's summary. */
  public static Map<String, Object> generate(SparkSession spark, GeneratorOptions.Builder options) {
    return generate(spark, options, Perturbations.NONE);
  }

  /** Generates the days of a world changed by {@code perturbations}; returns the generator's summary. */
  public static Map<String, Object> generate(
      SparkSession spark, GeneratorOptions.Builder options, Perturbations perturbations) {
    return new GenerateJob(options.build(), perturbations).run(spark, StageLog.quiet("generate"));
  }
}
