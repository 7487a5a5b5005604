package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.cli.DurationConverter;
import io.tracegraph.jobs.cli.SparkConfOption;
import io.tracegraph.jobs.cli.SparkMasterOption;
import io.tracegraph.jobs.io.DayOutput;
import io.tracegraph.jobs.source.SpanFormat;
import io.tracegraph.reports.diff.DiffOptions;
import io.tracegraph.reports.trace.TraceUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code tracegraph nightly}: one UTC day of spans → trace trees → dependency links, tables and reports. */
@Command(name = "nightly",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    description = {
        "Reads one UTC day of archived spans (or each day of a range, with --to), rebuilds every trace tree, derives the service dependency links and "
            + "writes them atomically as Parquet and JSON, with run.json recording what was read, dropped and "
            + "repaired; in the same pass, call counts and latency distributions per edge, operation edge, service, "
            + "operation and entry point (the traffic tables), messages through span links, and call patterns."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  tracegraph nightly --spans /data/spans --out /data/tracegraph",
        "      yesterday (UTC), local Spark on every core",
        "  tracegraph nightly --spans /data/spans --out /data/tracegraph --date 2026-11-23",
        "  tracegraph nightly --spans /data/spans --out /data/tracegraph --date 2026-11-01 --to 2026-11-23",
        "      a backfill: every day in order in one Spark session, each committed on its own",
        "  tracegraph nightly --spans /data/spans --out /data/tracegraph --date 2026-11-01 --to 2026-11-23 \\",
        "      --skip-existing",
        "      resume a backfill: days already committed are skipped",
        "  tracegraph nightly --spans hdfs:///spans --out hdfs:///tracegraph --master spark://host:7077",
        "  tracegraph nightly --spans /data/tempo --tenant t1 --out /data/tg",
        "      a Tempo backend (format detected), one tenant",
        "  tracegraph nightly --spans /exports/otel_traces --format clickhouse \\",
        "      --out /data/tg",
        "  tracegraph nightly --spans /data/spans --out /data/tracegraph --max-skew 250ms",
        "      correct clock skew of up to 250 ms only",
        "",
        "  tracegraph nightly --spans /data/spans --out /data/tracegraph \\",
        "      --trace-url 'https://jaeger.example/trace/{traceId}'",
        "      every trace id in the report also links to Jaeger",
        "",
        "Writes OUT/tables/dependency_links/date=D/*.parquet, the traffic tables edges, operation_edges,",
        "services, operations, entry_points, totals, and the tables error_origins, error_services, critical_path,",
        "trace_quality, trace_shapes, call_patterns, exemplars; OUT/reports/D/ (dependencies.json, run.json,",
        "index.html, graph.json, graph.dot, graph.graphml, graph.mmd, diff.json) and rewrites",
        "OUT/reports/index.html.",
        "",
        "One run at a time per day and --out: a run holds OUT/.locks/D.lock while it writes day D. A second run",
        "of the same day exits with code 5 and writes nothing; a lock left by a killed run is taken over once its",
        "heartbeat (every minute) is 10 minutes old, or at once when its process is gone from this host."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok (also when --skip-existing skipped every day)", "1:internal error", "2:usage error",
        "3:bad input (missing column, unreadable file, ...)",
        "4:no space left on the output's device; the previous output of the day is unchanged",
        "5:another run is writing the same day of the same --out; nothing was written"})
public final class NightlyCommand implements Callable<Integer> {
  /** The longest backfill in one run: a year (a longer one is more likely a typo than a plan). */
  static final int MAX_DAYS = 366;

  @Spec
  CommandSpec spec;

  @Option(names = "--spans", required = true, paramLabel = "ROOT",
      description = "Input root: a span archive (date=YYYY-MM-DD/ partitions of Parquet files), a ClickHouse "
          + "export or a Tempo backend (see --format).")
  String spans;

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output root.")
  String out;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "UTC day to report. Default: yesterday (UTC).")
  LocalDate date;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD",
      description = "Last day of a backfill: with --date, runs every day from --date to this day in order, in one "
          + "Spark session. Each day is committed on its own (and diffed against the day before it); a day that "
          + "fails stops the run, and the days before it stay written. At most " + MAX_DAYS + " days.")
  LocalDate to;

  @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
      description = "How far to read into the neighbouring days for traces that cross midnight "
          + "(e.g. 30m, 1h, 0). Default: ${DEFAULT-VALUE}.")
  Duration grace;

  @Mixin
  SparkMasterOption spark;

  @Mixin SparkConfOption sparkConf;

  @Option(names = "--skip-bad-files",
      description = "Skip unreadable Parquet files and list them in run.json instead of stopping.")
  boolean skipBadFiles = NightlyOptions.DEFAULT_SKIP_BAD_FILES;

  @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "Input format: archive (span archive v1), clickhouse (Parquet export of otel_traces) or tempo "
          + "(a Tempo backend of vParquet4/5 blocks). Default: detected from the input, and logged.")
  SpanFormat format = NightlyOptions.DEFAULT_FORMAT;

  @Option(names = "--tenant", paramLabel = "ID",
      description = "Tempo only: read this tenant's blocks (ROOT/ID/). Default: every tenant under ROOT.")
  String tenant;

  @Option(names = "--explain", description = "Print Spark's physical plan of the analysis.")
  boolean explain;

  @Option(names = "--diff-call-change", paramLabel = "PERCENT",
      defaultValue = "" + DiffOptions.CALL_CHANGE_PERCENT_DEFAULT,
      description = "Diff: flag an edge whose calls changed by at least this many percent since the previous day. "
          + "Default: ${DEFAULT-VALUE}.")
  double diffCallChange;

  @Option(names = "--diff-min-calls", paramLabel = "N", defaultValue = "" + DiffOptions.MIN_CALLS_DEFAULT,
      description = "Diff: ... and that had at least N calls on one of the two days. Default: ${DEFAULT-VALUE}.")
  long diffMinCalls;

  @Option(names = "--diff-alpha", paramLabel = "P", defaultValue = "" + DiffOptions.ALPHA_DEFAULT,
      description = "Diff: significance level of the error-rate and latency tests over all edges tested (Bonferroni). "
          + "Default: ${DEFAULT-VALUE}.")
  double diffAlpha;

  @Option(names = "--diff-min-error-rate-change", paramLabel = "POINTS",
      defaultValue = "" + DiffOptions.MIN_ERROR_RATE_CHANGE_POINTS_DEFAULT,
      description = "Diff: flag an error-rate change only when it is significant and moved by at least this many "
          + "percentage points. Default: ${DEFAULT-VALUE}.")
  double diffMinErrorRateChange;

  @Option(names = "--diff-min-latency-change", paramLabel = "PERCENT",
      defaultValue = "" + DiffOptions.MIN_LATENCY_CHANGE_PERCENT_DEFAULT,
      description = "Diff: flag a latency regression only when it is significant and the edge's median call "
          + "duration rose by at least this many percent. Default: ${DEFAULT-VALUE}.")
  double diffMinLatencyChange;

  @Option(names = "--max-skew", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
      description = "Largest clock-skew correction applied to a span (and its process's spans below it) before the "
          + "timing analyses; a larger gap is left alone and counted. 0 turns adjustment off. "
          + "Default: ${DEFAULT-VALUE}.")
  Duration maxSkew;

  @Option(names = "--links-only",
      description = "Derive only the dependency links and run.json, as the first version did: no clock-skew "
          + "adjustment, error origins, critical paths or trace quality (for benchmarks and minimal runs).")
  boolean linksOnly = NightlyOptions.DEFAULT_LINKS_ONLY;

  @Option(names = "--n-plus-one", paramLabel = "N", defaultValue = "" + NightlyOptions.DEFAULT_N_PLUS_ONE,
      description = "Call patterns: flag a parent span that makes the same call (same callee and operation) N or "
          + "more times one after the other as an N+1 loop. Default: ${DEFAULT-VALUE}.")
  int nPlusOne;

  @Option(names = "--max-trace-spans", paramLabel = "N", defaultValue = "" + NightlyOptions.DEFAULT_MAX_TRACE_SPANS,
      description = "Leave out a trace with more than N spans (rows) whole, and count it (run.json: "
          + "traces.traces_too_large, rows_dropped_by_reason.trace_too_large), rather than run out of memory: a "
          + "trace is held whole while its tree is built (one of 5,000,000 spans runs in a 2 GB heap). "
          + "Default: ${DEFAULT-VALUE}.")
  int maxTraceSpans;

  @Option(names = "--skip-existing",
      description = "Skip a day whose output is already committed (OUT/reports/D/run.json is there), for backfills "
          + "that resume: it is logged and counted, not run again.")
  boolean skipExisting;

  @Option(names = "--trace-url", paramLabel = "TEMPLATE",
      description = "Link every trace id in the report to your tracing UI: an http(s) URL with {traceId} where the "
          + "id goes, e.g. https://jaeger.example/trace/{traceId}. Default: trace ids link to their waterfalls only.")
  String traceUrl;

  @Override
  public Integer call() {
    NightlyOptions options;
    try {
      DiffOptions diff = new DiffOptions(diffCallChange, diffMinCalls, diffAlpha, diffMinErrorRateChange,
          diffMinLatencyChange);
      options = NightlyOptions.builder(spans, out, date != null ? date : NightlyOptions.yesterdayUtc(Clock.systemUTC()))
          .grace(grace).skipBadFiles(skipBadFiles).explain(explain).format(format).tenant(tenant).diff(diff)
          .maxSkew(maxSkew).linksOnly(linksOnly).nPlusOne(nPlusOne).maxTraceSpans(maxTraceSpans)
          .traceUrl(traceUrl == null ? NightlyOptions.DEFAULT_TRACE_URL : TraceUrl.of(traceUrl)).build();
    } catch (IllegalArgumentException e) { // an option out of range is a usage error (exit 2), not a crash
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    List<LocalDate> days = days(options.date());
    StageLog log = new StageLog("nightly");
    String name = "tracegraph nightly " + options.date() + (days.size() > 1 ? ".." + to : "");
    SparkSession session = spark.session(name, sparkConf);
    try {
      int skipped = 0;
      for (int i = 0; i < days.size(); i++) {
        LocalDate day = days.get(i);
        String which = days.size() > 1 ? "day " + (i + 1) + " of " + days.size() + ": " + day : "day " + day;
        if (skipExisting && DayOutput.isCommitted(options.out(), day, session.sparkContext().hadoopConfiguration())) {
          log.info("skip-existing: " + which + " is already committed, skipped");
          skipped++;
          continue;
        }
        if (days.size() > 1) log.info("backfill: " + which);
        new DependencyGraphJob(options.withDate(day)).run(session);
      }
      if (skipExisting) log.info("skip-existing: " + (days.size() - skipped) + " run, " + skipped + " skipped");
      return 0;
    } finally {
      session.stop();
    }
  }

  /** The days to run: {@code first} alone, or every day from {@code first} to {@code --to}. */
  private List<LocalDate> days(LocalDate first) {
    if (to == null) return List.of(first);
    if (date == null) throw new ParameterException(spec.commandLine(), "--to needs --date (the first day)");
    if (to.isBefore(first)) {
      throw new ParameterException(spec.commandLine(), "--to " + to + " is before --date " + first);
    }
    long count = ChronoUnit.DAYS.between(first, to) + 1;
    if (count > MAX_DAYS) {
      throw new ParameterException(spec.commandLine(), "--date " + first + " --to " + to + " is " + count
          + " days; at most " + MAX_DAYS + " in one run");
    }
    return first.datesUntil(to.plusDays(1)).toList();
  }

  /** Reads archive, clickhouse or tempo for picocli; an unknown name is a usage error. */
  public static final class FormatConverter implements picocli.CommandLine.ITypeConverter<SpanFormat> {
    @Override
    public SpanFormat convert(String value) {
      try {
        return SpanFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
