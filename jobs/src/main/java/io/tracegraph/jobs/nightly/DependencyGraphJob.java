package io.tracegraph.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.xxhash64;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.BuildInfo;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.ArchiveFiles;
import io.tracegraph.jobs.io.ArchiveReader;
import io.tracegraph.jobs.io.DayOutput;
import io.tracegraph.jobs.io.SpanArchiveSchema;
import io.tracegraph.jobs.traffic.TrafficTables;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.DaySummary;
import io.tracegraph.model.TraceCounter;
import io.tracegraph.reports.DependenciesJson;
import io.tracegraph.reports.RunReport;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The nightly job: one UTC day of spans → trace trees → service dependency links, and the traffic tables (call
 * frequencies and latency distributions per edge, service, operation and entry point, {@link TrafficTables}).
 *
 * <p>Plan: scan only the needed columns of the day's partition and the grace periods of its neighbours; one shuffle
 * clusters the rows by trace id; each row is parsed by the model (ids become longs, drops and repairs are
 * counted), and each trace's tree and links are built by the pure model
 * ({@link SummarizeTraces}) and folded into one {@link DaySummary} per partition; the driver merges those. Spark never
 * holds more than one trace as objects per task, and the driver receives only one small summary per partition.
 */
public final class DependencyGraphJob {
  public static final String TABLE = "dependency_links";
  public static final String DEPENDENCIES_JSON = "dependencies.json";
  public static final String RUN_JSON = "run.json";

  /** Schema of {@code OUT/tables/dependency_links/date=D/}. */
  public static final StructType LINK_SCHEMA = new StructType()
      .add("parent", DataTypes.StringType, false)
      .add("child", DataTypes.StringType, false)
      .add("call_count", DataTypes.LongType, false)
      .add("error_count", DataTypes.LongType, false);

  private final NightlyOptions options;
  private final DayWindow window;

  public DependencyGraphJob(NightlyOptions options) {
    this.options = options;
    this.window = new DayWindow(options.date(), options.grace());
  }

  /** The outcome of a run: the day's links (sorted) and the run report. */
  public record Result(List<DependencyLink> links, RunReport report) {}

  public Result run(SparkSession spark) {
    String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    StageLog log = new StageLog("nightly " + options.date());

    ArchiveFiles files = ArchiveFiles.of(options.spans(), daysToRead(), options.skipBadFiles(),
        spark.sparkContext().hadoopConfiguration());
    if (!files.skipped().isEmpty()) files.skipped().forEach((f, why) -> log.info("skipped " + f + ": " + why));
    if (!hasDayPartition(spark)) {
      throw new BadInputException("no partition for " + options.date() + ": "
          + ArchiveFiles.partition(options.spans(), options.date()) + " does not exist");
    }
    log.done("list", "files=" + files.readable().size() + " skipped=" + files.skipped().size());

    Dataset<byte[]> partials = analyse(spark, files.readable());
    if (options.explain()) partials.explain("formatted");
    spark.sparkContext().setJobDescription("tracegraph nightly " + options.date() + ": trees and links");
    DaySummary summary = new DaySummary(window);
    for (byte[] partial : partials.collectAsList()) summary.merge(SummarizeTraces.deserialize(partial));

    Map<String, Long> dropped = new TreeMap<>();
    summary.dropped().forEach((r, n) -> dropped.put(r.key(), n));
    Map<String, Long> repairs = new TreeMap<>();
    summary.repairs().forEach((r, n) -> repairs.put(r.key(), n));
    Map<String, Long> counters = new TreeMap<>();
    summary.counters().forEach((c, n) -> counters.put(c.key(), n));
    List<DependencyLink> links = summary.links();
    long rowsRead = summary.rowsRead();
    log.done("analyse", "rows=" + rowsRead + " dropped=" + dropped.values().stream().mapToLong(Long::longValue).sum()
        + " traces=" + counters.get(TraceCounter.TRACES.key()) + " spans=" + counters.get(TraceCounter.SPANS.key())
        + " links=" + links.size());

    try (DayOutput output = DayOutput.begin(options.out(), options.date(), spark.sparkContext().hadoopConfiguration())) {
      List<Row> linkRows = new ArrayList<>(links.size());
      for (DependencyLink l : links) linkRows.add(RowFactory.create(l.parent(), l.child(), l.callCount(), l.errorCount()));
      output.writeTable(spark, TABLE, LINK_SCHEMA, linkRows);
      output.writeReport(DEPENDENCIES_JSON, DependenciesJson.render(links));
      log.done("write", "links=" + links.size());
      Map<String, List<Row>> traffic = TrafficTables.rows(summary.traffic(), options.date(), options.date());
      traffic.forEach((table, rows) -> output.writeTable(spark, table, TrafficTables.schema(table), rows));
      log.done("write traffic", "edges=" + traffic.get(TrafficTables.EDGES).size() + " services="
          + traffic.get(TrafficTables.SERVICES).size() + " operations=" + traffic.get(TrafficTables.OPERATIONS).size()
          + " entry_points=" + traffic.get(TrafficTables.ENTRY_POINTS).size());
      RunReport report = new RunReport(BuildInfo.version(), options.date().toString(), startedAt, files.readable(),
          files.skipped(), rowsRead, dropped, repairs, counters, links.size(), log.secondsByStage());
      output.writeReport(RUN_JSON, report.toJson());
      output.commit();
      log.info("wrote " + output.reportPath(DEPENDENCIES_JSON).getParent());
      return new Result(List.copyOf(links), report);
    }
  }

  /**
   * The lazy plan: read the needed columns → cluster by a 64-bit hash of the trace id and sort by it (one shuffle;
   * the sort compares longs only) → parse, count and fold each partition's traces into a {@link DaySummary} → one
   * serialized summary per partition. Rows are shuffled as read and parsed once, after the shuffle, so the row counts
   * come from the same pass. The hash is taken over the id's value as the parser reads it (any case, padded to 32 digits),
   * so every row of a trace shares it; {@link SummarizeTraces} separates the rare traces whose hashes collide.
   */
  Dataset<byte[]> analyse(SparkSession spark, List<String> files) {
    if (files.isEmpty()) return spark.createDataset(List.of(), SummarizeTraces.ENCODER);
    // unhex reads either letter case, and padding makes 16- and 32-digit spellings of one id equal.
    Column traceHash = xxhash64(unhex(lpad(col(SpanArchiveSchema.TRACE_ID), 32, "0")));
    return ArchiveReader.read(spark, files, window)
        .withColumn(SummarizeTraces.TRACE_HASH, traceHash)
        .repartition(col(SummarizeTraces.TRACE_HASH))
        .sortWithinPartitions(SummarizeTraces.TRACE_HASH)
        .mapPartitions(new SummarizeTraces(window), SummarizeTraces.ENCODER);
  }

  private List<LocalDate> daysToRead() {
    LocalDate d = options.date();
    return options.grace().isZero() ? List.of(d) : List.of(d.minusDays(1), d, d.plusDays(1));
  }

  private boolean hasDayPartition(SparkSession spark) {
    try {
      var path = ArchiveFiles.partition(options.spans(), options.date());
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
    } catch (java.io.IOException e) {
      throw new BadInputException("cannot read " + options.spans() + ": " + e.getMessage(), e);
    }
  }
}
