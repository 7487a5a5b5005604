package io.tracegraph.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.xxhash64;

import io.tracegraph.jobs.BuildInfo;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.DayOutput;
import io.tracegraph.jobs.io.SpanArchiveSchema;
import io.tracegraph.jobs.report.DayReportWriter;
import io.tracegraph.jobs.source.FormatDetector;
import io.tracegraph.jobs.source.SourceRequest;
import io.tracegraph.jobs.source.SourceScan;
import io.tracegraph.jobs.source.SpanFormat;
import io.tracegraph.jobs.traffic.TrafficTables;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.DaySummary;
import io.tracegraph.model.LinkTargets;
import io.tracegraph.model.LinkedMessages;
import io.tracegraph.model.TraceCounter;
import io.tracegraph.reports.DependenciesJson;
import io.tracegraph.reports.RunReport;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
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
 *
 * <p>Span links: when the input holds any (known from its Parquet footers), a first, small pass collects the spans
 * that consumers link to ({@link LinkTargetsScan}), broadcast to the tasks; the day's messages through span links are
 * then joined on the driver from what each partition kept of the linked spans and the linking consumers
 * ({@link LinkedMessages}), as many as there are links.
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

    SpanFormat format = options.format();
    if (format == null) {
      FormatDetector.Detection detected = FormatDetector.detect(options.spans(), options.date(),
          spark.sparkContext().hadoopConfiguration());
      format = detected.format();
      log.info("format: " + format.key() + " (detected: " + detected.evidence() + ")");
    } else {
      log.info("format: " + format.key());
    }
    SourceScan scan = format.source().plan(spark,
        new SourceRequest(options.spans(), window, options.skipBadFiles(), options.tenant()));
    if (!scan.skippedFiles().isEmpty()) scan.skippedFiles().forEach((f, why) -> log.info("skipped " + f + ": " + why));
    log.done("list", "files=" + scan.inputFiles().size() + " skipped=" + scan.skippedFiles().size());

    LinkTargets targets = LinkTargets.NONE;
    if (!options.linksOnly() && scan.mayHaveLinks()) {
      spark.sparkContext().setJobDescription("tracegraph nightly " + options.date() + ": span links");
      targets = LinkTargetsScan.collect(spark, scan);
      log.done("link targets", "linked_spans=" + targets.size());
    }
    Broadcast<LinkTargets> broadcastTargets = targets.isEmpty() ? null
        : JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(targets);
    Dataset<byte[]> partials = analyse(spark, scan, broadcastTargets);
    if (options.explain()) partials.explain("formatted");
    spark.sparkContext().setJobDescription("tracegraph nightly " + options.date() + ": trees and links");
    DaySummary summary = new DaySummary(window, options.analyses());
    long summaryBytes = 0;
    List<byte[]> partialBytes = partials.collectAsList();
    for (byte[] partial : partialBytes) {
      summary.merge(SummarizeTraces.deserialize(partial));
      summaryBytes += partial.length;
    }

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
        + " links=" + links.size() + " partials=" + partialBytes.size() + " partial_kb=" + summaryBytes / 1024);

    try (DayOutput output = DayOutput.begin(options.out(), options.date(), spark.sparkContext().hadoopConfiguration())) {
      List<Row> linkRows = new ArrayList<>(links.size());
      for (DependencyLink l : links) linkRows.add(RowFactory.create(l.parent(), l.child(), l.callCount(), l.errorCount()));
      output.writeTable(spark, TABLE, LINK_SCHEMA, linkRows);
      output.writeReport(DEPENDENCIES_JSON, DependenciesJson.render(links));
      log.done("write", "links=" + links.size());
      if (!options.linksOnly()) {
        Map<String, List<Row>> traffic = TrafficTables.rows(summary.traffic(), options.date(), options.date());
        traffic.forEach((table, rows) -> output.writeTable(spark, table, TrafficTables.schema(table), rows));
        log.done("write traffic", "edges=" + traffic.get(TrafficTables.EDGES).size() + " operation_edges="
            + traffic.get(TrafficTables.OPERATION_EDGES).size() + " services="
            + traffic.get(TrafficTables.SERVICES).size() + " operations="
            + traffic.get(TrafficTables.OPERATIONS).size() + " entry_points="
            + traffic.get(TrafficTables.ENTRY_POINTS).size());
        StringBuilder rows = new StringBuilder();
        AnalysisTables.write(spark, output, summary.analyses()).forEach((table, n) -> rows.append(' ').append(table)
            .append('=').append(n));
        log.done("write analyses", rows.toString().trim());
      }
      RunReport report = new RunReport(BuildInfo.version(), options.date().toString(), format.key(), startedAt,
          scan.inputFiles(), scan.skippedFiles(), scan.counters(), rowsRead, dropped, repairs, counters, links.size(),
          log.secondsByStage(), runSections(summary, options.linksOnly()));
      output.writeReport(RUN_JSON, report.toJson());
      new DayReportWriter(options.date(), options.diff(), log).write(spark, output, links, summary.services(), report,
          options.linksOnly() ? null : summary.traffic(), options.linksOnly() ? null : summary.analyses(),
          options.linksOnly() ? null : summary.linkedMessages().counts());
      output.commit();
      log.info("wrote " + output.reportPath(DEPENDENCIES_JSON).getParent());
      return new Result(List.copyOf(links), report);
    }
  }

  /**
   * run.json's sections after the links: the tables' schema version, the trace analyses', then what the span links
   * came to ({@code span_links}, {@link LinkedMessages.Count}; not with {@code --links-only}).
   */
  private static Map<String, Object> runSections(DaySummary summary, boolean linksOnly) {
    Map<String, Object> sections = new LinkedHashMap<>();
    sections.put(TableCatalog.RUN_JSON_KEY, TableCatalog.VERSION);
    sections.putAll(AnalysisTables.runSections(summary.analyses()));
    if (!linksOnly) {
      Map<String, Long> links = new LinkedHashMap<>();
      summary.linkedMessages().counts().forEach((c, n) -> links.put(c.key(), n));
      sections.put("span_links", links);
    }
    return sections;
  }

  /**
   * The lazy plan: read the needed columns → cluster by a 64-bit hash of the trace id and sort by it (one shuffle;
   * the sort compares longs only) → parse, count and fold each partition's traces into a {@link DaySummary} → one
   * serialized summary per partition. Rows are shuffled as read and parsed once, after the shuffle, so the row counts
   * come from the same pass. The hash is taken over the id's value as the parser reads it (any case, padded to 32 digits),
   * so every row of a trace shares it; {@link SummarizeTraces} separates the rare traces whose hashes collide.
   */
  Dataset<byte[]> analyse(SparkSession spark, SourceScan scan) {
    return analyse(spark, scan, null);
  }

  /** {@link #analyse(SparkSession, SourceScan)} with the spans consumers link to ({@link LinkTargetsScan}), or null. */
  Dataset<byte[]> analyse(SparkSession spark, SourceScan scan, Broadcast<LinkTargets> targets) {
    if (scan.inputFiles().isEmpty()) return spark.createDataset(List.of(), SummarizeTraces.ENCODER);
    // unhex reads either letter case, and padding makes 16- and 32-digit spellings of one id equal.
    Column traceHash = xxhash64(unhex(lpad(col(SpanArchiveSchema.TRACE_ID), 32, "0")));
    return scan.read(spark)
        .withColumn(SummarizeTraces.TRACE_HASH, traceHash)
        .repartition(col(SummarizeTraces.TRACE_HASH))
        .sortWithinPartitions(SummarizeTraces.TRACE_HASH)
        .mapPartitions(new SummarizeTraces(window, options.analyses(), targets), SummarizeTraces.ENCODER);
  }
}
