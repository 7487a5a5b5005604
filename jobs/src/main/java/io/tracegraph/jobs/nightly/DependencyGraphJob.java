package io.tracegraph.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.octet_length;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.DayLock;
import io.tracegraph.jobs.io.DeadStaging;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.source.FormatDetector;
import io.tracegraph.jobs.source.SourceRequest;
import io.tracegraph.jobs.source.SourceScan;
import io.tracegraph.jobs.source.SpanColumns;
import io.tracegraph.jobs.source.SpanFormat;
import io.tracegraph.model.DaySummary;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.LinkTargets;
import io.tracegraph.model.LinkedMessages;
import io.tracegraph.model.TraceCounter;
import io.tracegraph.reports.MissingColumn;
import io.tracegraph.reports.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SQLExecution;
import scala.Option;

/**
 * The nightly job: one UTC day of spans → trace trees → service dependency links, the traffic tables (call
 * frequencies and latency distributions per edge, service, operation and entry point) and the trace analyses. Three
 * steps: {@link #plan} (the format and the checked inputs), {@link #analyse} (one pass over the spans, into a
 * {@link DayResult}), and {@link DayWriter#write} (the tables, run.json and the reports, atomically).
 *
 * <p>The analysis scans only the needed columns of the day's partition and the grace periods of its neighbours; one
 * shuffle clusters the rows by trace id; each row is parsed by the model (ids become longs, drops and repairs are
 * counted), and each trace's tree and links are built by the pure model ({@link SummarizeTraces}) and folded into one
 * {@link DaySummary} per partition; the executors merge those in a tree ({@link ExecutorMerge}). Spark never holds
 * more than one trace as objects per task, and the driver receives one merged summary, whose size depends on the
 * day's distinct services, edges and operations, not on the data's size or the partition count.
 *
 * <p>Span links: when the input holds any (known from its Parquet footers), a first, small pass collects the spans
 * that consumers link to ({@link LinkTargetsScan}), broadcast to the tasks; the day's messages through span links are
 * then joined on the driver from what each partition kept of the linked spans and the linking consumers
 * ({@link LinkedMessages}), as many as there are links.
 */
public final class DependencyGraphJob {
  private final NightlyOptions options;
  private final DayWindow window;

  public DependencyGraphJob(NightlyOptions options) {
    this.options = options;
    this.window = new DayWindow(options.date(), options.grace());
  }

  /** The outcome of a run: the day's links (sorted) and the run report. */
  public record Result(List<DependencyLink> links, RunReport report) {}

  /**
   * Runs the day under its lock ({@link DayLock}): first removes the staging directories dead runs left
   * ({@link DeadStaging}), then plans, analyses and writes.
   *
   * @throws io.tracegraph.jobs.io.DayLockedException when another live run is writing the same day of the output
   */
  public Result run(SparkSession spark) {
    StageLog log = new StageLog("nightly " + options.date());
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try (DayLock lock = DayLock.acquire(options.out(), options.date(), conf)) {
      if (lock.tookOver() != null) log.info("took over the stale lock of " + lock.tookOver());
      cleanDeadStaging(conf, log);
      DayPlan plan = plan(spark, log);
      DayResult result = analyse(spark, plan, log);
      RunReport report = new DayWriter(options, log).write(spark, result, lock::checkHeld);
      return new Result(result.links(), report);
    }
  }

  private void cleanDeadStaging(Configuration conf, StageLog log) {
    OutputLayout out = OutputLayout.of(options.out());
    try {
      DeadStaging.Cleanup cleanup = DeadStaging.clean(out.root().getFileSystem(conf), out, options.date(),
          Instant.now());
      for (LocalDate day : cleanup.restoredDays()) {
        log.info("a dead run was killed while committing day " + day + ": its previous output is back in place");
      }
      if (!cleanup.removed().isEmpty()) {
        log.info("removed the staging of dead runs: " + String.join(", ", cleanup.removed()));
      }
      cleanup.kept().forEach((dir, why) -> log.warn("kept the staging of a dead run, " + dir + ": " + why));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open output " + out, e);
    }
  }

  /** The input format (given, or detected and logged) and the day's checked inputs; no Spark job runs. */
  DayPlan plan(SparkSession spark, StageLog log) {
    String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    SpanFormat format = options.format();
    Map<String, String> skipped = new TreeMap<>();
    if (format == null) {
      FormatDetector.Detection detected = FormatDetector.detect(options.spans(), options.date(),
          options.skipBadFiles(), spark.sparkContext().hadoopConfiguration());
      format = detected.format();
      skipped.putAll(detected.skipped());
      log.info("format: " + format.key() + " (detected: " + detected.evidence() + ")");
    } else {
      log.info("format: " + format.key());
    }
    SourceScan scan = format.source().plan(spark,
        new SourceRequest(options.spans(), window, options.skipBadFiles(), options.tenant()));
    skipped.putAll(scan.skippedFiles()); // the source's reason wins for a file detection passed over too
    skipped.forEach((f, why) -> log.info("skipped " + f + ": " + why));
    for (MissingColumn c : scan.missingColumns()) {
      log.warn("column " + c.column() + " is absent from " + c.files().size() + " of " + scan.inputFiles().size()
          + " input files; not computed for their rows: " + c.cannotCompute() + " (first: " + c.files().get(0) + ")");
    }
    log.done("list", "files=" + scan.inputFiles().size() + " skipped=" + skipped.size());
    return new DayPlan(startedAt, format, scan, skipped);
  }

  /** Runs the analysis of the planned inputs and merges the partitions' summaries into the day's result. */
  DayResult analyse(SparkSession spark, DayPlan plan, StageLog log) {
    ShufflePartitions.Sizing sizing = ShufflePartitions.of(spark, plan.scan().inputFiles());
    log.info(sizing.describe());
    Broadcast<LinkTargets> targets = linkTargets(spark, plan.scan(), log);
    spark.sparkContext().setJobDescription("tracegraph nightly " + options.date() + ": trees and links");
    ExecutorMerge.Merged merged = ShufflePartitions.during(spark, sizing, () -> {
      if (options.explain() && !plan.scan().inputFiles().isEmpty()) clustered(spark, plan.scan()).explain("formatted");
      return ExecutorMerge.merge(summaries(spark, plan.scan(), targets));
    });
    DaySummary summary = new DaySummary(window, options.analyses()); // merged into, as every partial was before
    if (merged.summary().length > 0) summary.merge(SummarizeTraces.deserialize(merged.summary()));
    DayResult.DayCounts counts = DayResult.DayCounts.of(options.date(), plan, summary);
    DayResult result = DayResult.of(counts, summary);
    log.done("analyse", "rows=" + counts.rowsRead() + " dropped=" + counts.droppedTotal()
        + " traces=" + counts.counters().get(TraceCounter.TRACES.key())
        + " spans=" + counts.counters().get(TraceCounter.SPANS.key())
        + " links=" + result.links().size() + " partitions=" + merged.partitions()
        + " merge_levels=" + merged.levels() + " driver_summary_kb=" + merged.summary().length / 1024);
    return result;
  }

  /**
   * The plan of the analysis's rows: read the needed columns → cluster by a 64-bit hash of the trace id and sort by it
   * (one shuffle; the sort compares longs only). Rows are shuffled as read and parsed once, after the shuffle, so the
   * row counts come from the same pass. The hash is taken over the id's value as the parser reads it (any case, padded
   * to 32 digits), so every row of a trace shares it; {@link SummarizeTraces} separates the rare traces whose hashes
   * collide.
   */
  Dataset<Row> clustered(SparkSession spark, SourceScan scan) {
    return scan.read(spark)
        .withColumn(SummarizeTraces.TRACE_HASH, traceHash(col(SpanColumns.TRACE_ID)))
        .repartition(col(SummarizeTraces.TRACE_HASH))
        .sortWithinPartitions(SummarizeTraces.TRACE_HASH);
  }

  /**
   * The spans that consumers of the read window link to ({@link LinkTargetsScan}), broadcast to the tasks; null when
   * the input has no span links or the run is {@code --links-only} (then no pass runs and no column is read).
   */
  private Broadcast<LinkTargets> linkTargets(SparkSession spark, SourceScan scan, StageLog log) {
    if (options.linksOnly() || !scan.mayHaveLinks()) return null;
    spark.sparkContext().setJobDescription("tracegraph nightly " + options.date() + ": span links");
    LinkTargets targets = LinkTargetsScan.collect(spark, scan);
    log.done("link targets", "linked_spans=" + targets.size());
    return targets.isEmpty() ? null : JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(targets);
  }

  /**
   * The analysis: the {@link #clustered} rows, each partition parsed, counted and folded into a {@link DaySummary}
   * ({@link SummarizeTraces}) → one serialized summary per partition. The partitions iterate Spark's internal rows,
   * never converted to external {@code Row}s. Plans the shuffle when called (its partition count is read then).
   *
   * @param targets the spans consumers link to ({@link #linkTargets}), or null when none
   */
  JavaRDD<byte[]> summaries(SparkSession spark, SourceScan scan, Broadcast<LinkTargets> targets) {
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    if (scan.inputFiles().isEmpty()) return context.emptyRDD();
    Dataset<Row> rows = clustered(spark, scan);
    QueryExecution plan = rows.queryExecution();
    // As Dataset.rdd does: with adaptive execution, planning runs the shuffle, so it runs as a SQL execution, whose end
    // completes the sources' observations (Tempo's duplicate spans dropped).
    RDD<InternalRow> internal = SQLExecution.withNewExecutionId(plan, Option.apply("tracegraph nightly"), plan::toRdd);
    return internal.toJavaRDD()
        .mapPartitions(new SummarizeTraces(rows.schema(), window, options.analyses(), targets));
  }

  /**
   * The 64-bit hash rows are clustered by: of the id's 16 bytes, so any letter case ({@code unhex} reads both) and the
   * 16- and 32-digit spellings of one id hash alike (the shorter is padded). An id of exactly 32 bytes, almost every
   * id, is hashed without {@code lpad}, which counts the characters and copies the string on every row (4.6% of the
   * CPU samples at 10M spans); every id hashes to the same value as through {@code lpad}, so the partitions are too.
   */
  static Column traceHash(Column traceId) {
    Column bytes = when(octet_length(traceId).equalTo(32), unhex(traceId))
        .otherwise(unhex(lpad(traceId, 32, "0")));
    return xxhash64(bytes);
  }
}
