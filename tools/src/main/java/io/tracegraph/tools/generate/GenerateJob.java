package io.tracegraph.tools.generate;

import static org.apache.spark.sql.functions.sum;

import io.tracegraph.jobs.StageLog;
import io.tracegraph.tools.archive.SparkArchiveWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generates sample span archives inside Spark and writes them with their ground truth. The work is a range of trace
 * slots ({@link GenerationPlan}) split into partitions; each slot synthesises its trace from its own random stream
 * ({@link TraceSynthesizer}), so the output does not depend on the partitioning and a task only ever holds one trace.
 *
 * <ol>
 *   <li>spans: slots → spans → {@code ROOT/date=D/}, by the UTC day of each span's start, through the archive writer
 *       the importer uses too ({@link SparkArchiveWriter});</li>
 *   <li>truth: the same slots → one row per trace id → {@code ROOT/_generator/traces/date=D/};</li>
 *   <li>counts: the same slots → links and counters summed per task, then over tasks (a few hundred rows reach the
 *       driver) → {@code ROOT/_generator/expected_links/date=D/} and {@code ROOT/_generator/summary.json}.</li>
 * </ol>
 * Each write replaces the generated days and leaves other days untouched (the truth with a dynamic partition overwrite);
 * summary.json is merged the same way and written last. Synthesis runs once per output rather than caching
 * anything: it costs about a second per five million spans, far less than writing them.
 */
public final class GenerateJob {
  private static final StructType EXPECTED_LINK_ROWS =
      GeneratorSchemas.EXPECTED_LINKS.add(GeneratorSchemas.DATE, DataTypes.StringType, false);

  private final GeneratorOptions options;
  private final GenerationPlan plan;

  public GenerateJob(GeneratorOptions options) {
    this(options, Perturbations.NONE);
  }

  /** A run whose world is changed by {@code perturbations} ({@code --slower}, {@code --extra-call}). */
  public GenerateJob(GeneratorOptions options, Perturbations perturbations) {
    this.options = options;
    this.plan = GenerationPlan.of(options, perturbations);
  }

  /** Normal traces per day, derived from {@code --spans}, {@code --days} and the world's mean trace size. */
  public int tracesPerDay() {
    return plan.tracesPerDay();
  }

  /** Expected spans per trace in the world. */
  public static double meanSpansPerTrace() {
    return ShopWorld.meanSpansPerTrace();
  }

  /** Runs the generation; returns the summary written to {@code summary.json}. */
  public Map<String, Object> run(SparkSession spark, StageLog log) {
    log.start();
    List<String> days = new ArrayList<>();
    for (int d = 0; d < options.days(); d++) days.add(GeneratorSummary.date(plan.firstEpochDay() + d));
    log.done("plan", String.format(Locale.ROOT,
        "days=%s..%s traces_per_day=%d mean_spans_per_trace=%.1f slots=%d partitions=%d imperfections=%s seed=%d",
        days.get(0), days.get(days.size() - 1), plan.tracesStartingPerDay(), ShopWorld.meanSpansPerTrace(),
        plan.slots(), options.partitions(), options.imperfections().cliName(), options.seed())
        + (plan.perturbations().isEmpty() ? "" : " perturbations=" + plan.perturbations().describe()));

    Dataset<Long> slots = spark.range(0, plan.slots(), 1, options.partitions());
    String root = options.out();

    spark.sparkContext().setJobDescription("generate: spans");
    SparkArchiveWriter.replaceDays(spark, slots, new TraceSlotsToArchiveSpans(plan), root, "generate");
    log.done("spans", "written to " + root);

    spark.sparkContext().setJobDescription("generate: truth traces");
    slots.mapPartitions(new TraceSlotsToTruthRows(plan), Encoders.row(GeneratorSchemas.TRUTH_ROWS))
        .write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
        .partitionBy(GeneratorSchemas.DATE).parquet(root + "/" + GeneratorSchemas.TRACES_DIR);

    // Links and counters, summed per partition inside the tasks, then over partitions.
    spark.sparkContext().setJobDescription("generate: counts");
    List<Row> counts = slots.mapPartitions(new TraceSlotsToCounts(plan), Encoders.row(GeneratorSchemas.COUNTS))
        .groupBy(GeneratorSchemas.DATE, GeneratorSchemas.KIND, GeneratorSchemas.NAME, GeneratorSchemas.DETAIL)
        .agg(sum(GeneratorSchemas.COUNT), sum(GeneratorSchemas.ERRORS))
        .collectAsList();
    List<Row> links = new ArrayList<>();
    List<Row> tallies = new ArrayList<>();
    for (Row row : counts) {
      if (row.getString(1).equals(TraceSlotsToCounts.LINK)) {
        links.add(RowFactory.create(row.getString(2), row.getString(3), row.getLong(4), row.getLong(5),
            row.getString(0)));
      } else {
        tallies.add(row);
      }
    }
    spark.sparkContext().setJobDescription("generate: expected links");
    spark.createDataFrame(links, EXPECTED_LINK_ROWS).coalesce(1)
        .write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
        .partitionBy(GeneratorSchemas.DATE).parquet(root + "/" + GeneratorSchemas.EXPECTED_LINKS_DIR);
    log.done("truth", "traces and " + links.size() + " expected links written under " + root + "/"
        + GeneratorSchemas.GENERATOR_DIR);

    Map<String, Object> summary = writeSummary(spark, tallies);
    spark.sparkContext().setJobDescription(null);
    log.done("summary", counts(summary, days));
    return summary;
  }

  private Map<String, Object> writeSummary(SparkSession spark, List<Row> tallies) {
    Map<String, long[]> byDay = new TreeMap<>();
    for (int d = 0; d < options.days(); d++) {
      byDay.put(GeneratorSummary.date(plan.firstEpochDay() + d), new long[DayCounter.values().length]);
    }
    Map<String, DayCounter> byKey = new TreeMap<>();
    for (DayCounter t : DayCounter.values()) byKey.put(t.key(), t);
    for (Row row : tallies) {
      long[] counts = byDay.get(row.getString(0));
      if (counts != null) counts[byKey.get(row.getString(2)).ordinal()] += row.getLong(4);
    }
    Map<String, Object> perDay = new TreeMap<>();
    for (int d = 0; d < options.days(); d++) {
      long epochDay = plan.firstEpochDay() + d;
      String date = GeneratorSummary.date(epochDay);
      perDay.put(date, GeneratorSummary.dayEntry(options, plan, byDay.get(date), epochDay));
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path file = new Path(options.out(), GeneratorSchemas.SUMMARY_JSON);
    try {
      Map<String, Object> summary = GeneratorSummary.merge(GeneratorSummary.readPerDay(file, conf), perDay, options);
      GeneratorSummary.write(file, conf, summary);
      return summary;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static String counts(Map<String, Object> summary, List<String> days) {
    Map<String, Object> perDay = (Map<String, Object>) summary.get("per_day");
    long traces = 0;
    long spans = 0;
    long rows = 0;
    for (String day : days) {
      Map<String, Object> d = (Map<String, Object>) perDay.get(day);
      traces += ((Number) d.get("traces")).longValue();
      spans += ((Number) d.get("spans_written")).longValue();
      rows += ((Number) d.get("rows_written")).longValue();
    }
    return "traces=" + traces + " spans=" + spans + " rows=" + rows + " -> " + GeneratorSchemas.SUMMARY_JSON;
  }
}
