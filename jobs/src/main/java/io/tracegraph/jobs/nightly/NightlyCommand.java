package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.SparkSessions;
import io.tracegraph.jobs.cli.DurationConverter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tracegraph nightly}: one UTC day of spans → trace trees → dependency links, tables and reports. */
@Command(name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
        "Reads one UTC day of archived spans, rebuilds every trace tree, derives the service dependency links and "
            + "writes them atomically as Parquet and JSON, with run.json recording what was read, dropped and "
            + "repaired; in the same pass, call counts and latency distributions per edge, service, operation and "
            + "entry point (the traffic tables)."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  tracegraph nightly --spans /data/spans --out /data/tracegraph",
        "      yesterday (UTC), local Spark on every core",
        "  tracegraph nightly --spans /data/spans --out /data/tracegraph --date 2026-11-23",
        "  tracegraph nightly --spans hdfs:///spans --out hdfs:///tracegraph --master spark://host:7077",
        "",
        "Writes OUT/tables/dependency_links/date=D/*.parquet, OUT/reports/D/dependencies.json and run.json, and the",
        "traffic tables OUT/tables/{edges,services,operations,entry_points,totals}/date=D/*.parquet."})
public final class NightlyCommand implements Callable<Integer> {
  @Option(names = "--spans", required = true, paramLabel = "ROOT",
      description = "Span archive root, holding date=YYYY-MM-DD/ partitions of Parquet files.")
  String spans;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output root.")
  String out;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "UTC day to report. Default: yesterday (UTC).")
  LocalDate date;

  @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
      description = "How far to read into the neighbouring days for traces that cross midnight "
          + "(e.g. 30m, 1h, 0). Default: ${DEFAULT-VALUE}.")
  Duration grace;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master. Default: $SPARK_MASTER, else local[*].")
  String master;

  @Option(names = "--skip-bad-files",
      description = "Skip unreadable Parquet files and list them in run.json instead of stopping.")
  boolean skipBadFiles = NightlyOptions.DEFAULT_SKIP_BAD_FILES;

  @Option(names = "--explain", description = "Print Spark's physical plan of the analysis.")
  boolean explain;

  @Override
  public Integer call() {
    NightlyOptions options = new NightlyOptions(spans, out,
        date != null ? date : NightlyOptions.yesterdayUtc(Clock.systemUTC()), grace, skipBadFiles, explain);
    SparkSession spark = SparkSessions.create(SparkSessions.resolveMaster(master), "tracegraph nightly " + options.date());
    try {
      new DependencyGraphJob(options).run(spark);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
