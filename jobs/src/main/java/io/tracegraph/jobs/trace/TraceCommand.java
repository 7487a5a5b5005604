package io.tracegraph.jobs.trace;

import io.tracegraph.jobs.SparkSessions;
import io.tracegraph.jobs.cli.SparkConfOption;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.cli.DurationConverter;
import io.tracegraph.jobs.nightly.NightlyCommand;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.jobs.source.SpanFormat;
import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.TraceId;
import io.tracegraph.reports.html.TracePageHtml;
import io.tracegraph.reports.trace.TraceJson;
import io.tracegraph.reports.trace.TraceUrl;
import io.tracegraph.reports.trace.TraceText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tracegraph trace}: one trace from the archive, as a terminal waterfall, an HTML page or JSON. */
@Command(name = "trace",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    description = {
        "Reads one trace from the span archive (any format the nightly job reads; the day and the grace periods of "
            + "its neighbours) and prints it as a waterfall: each span indented under its parent with its start, "
            + "duration and a bar on the trace's time axis, the critical path, the error origins and the dominant "
            + "span marked, exactly as the nightly job analysed it. Reads only what it needs: files and row groups "
            + "whose trace_id statistics exclude the trace are skipped (fastest on an archive sorted by trace_id)."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  tracegraph trace --spans /data/spans --date 2026-11-23 --trace-id 4bf92f3577b34da6a3ce929d0e0e4736",
        "  tracegraph trace --spans /data/spans --date 2026-11-23 --trace-id 4bf92f3577b34da6a3ce929d0e0e4736 \\",
        "      --format html --output trace.html",
        "  tracegraph trace --spans /data/tempo --date 2026-11-23 --trace-id a3ce929d0e0e4736 --format json",
        "",
        "Exit code 6 when the trace has no span in the days read (the message says what was searched)."})
public final class TraceCommand implements Callable<Integer> {
  /** Spans an HTML page keeps of a larger trace (text and JSON keep every span). */
  public static final int HTML_SPAN_LIMIT = 20_000;

  /** The output formats. */
  enum Format { TEXT, HTML, JSON }

  @Spec
  CommandSpec spec;

  @Option(names = "--spans", required = true, paramLabel = "ROOT",
      description = "Input root, as for tracegraph nightly: a span archive, a ClickHouse export or a Tempo backend.")
  String spans;

  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD",
      description = "The UTC day to search (its partition and the grace periods of its neighbours).")
  LocalDate date;

  @Option(names = "--trace-id", required = true, paramLabel = "ID",
      description = "The trace: 32 hex digits (16 for a 64-bit id), any letter case.")
  String traceId;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "text (a terminal waterfall), html (the report's waterfall as a page of its own, at most "
          + HTML_SPAN_LIMIT + " spans) or json (every span with what the analyses found). Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write to this file. Default: standard output.")
  Path output;

  @Option(names = "--input-format", paramLabel = "FORMAT", converter = NightlyCommand.FormatConverter.class,
      description = "archive, clickhouse or tempo (tracegraph nightly's --format). Default: detected.")
  SpanFormat inputFormat;

  @Option(names = "--tenant", paramLabel = "ID", description = "Tempo only: read this tenant's blocks.")
  String tenant;

  @Option(names = "--grace", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1h",
      description = "How far to read into the neighbouring days. Default: ${DEFAULT-VALUE}.")
  Duration grace;

  @Option(names = "--max-skew", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
      description = "Largest clock-skew correction, as for tracegraph nightly. Default: ${DEFAULT-VALUE}.")
  Duration maxSkew;

  @Option(names = "--trace-url", paramLabel = "TEMPLATE",
      description = "Also link the trace to your tracing UI, e.g. https://jaeger.example/trace/{traceId}.")
  String traceUrl;

  @Mixin SparkConfOption sparkConf;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master. Default: $SPARK_MASTER, else local[*].")
  String master;

  @Override
  public Integer call() {
    Format out;
    TraceId id;
    TraceUrl links;
    try {
      out = Format.valueOf(format.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--format must be text, html or json, got '" + format + "'");
    }
    try {
      id = TraceId.parse(traceId.trim());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--trace-id: " + e.getMessage(), e);
    }
    try {
      links = traceUrl == null ? null : TraceUrl.of(traceUrl);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (grace.isNegative() || grace.compareTo(Duration.ofHours(24)) > 0) {
      throw new ParameterException(spec.commandLine(), "--grace must be between 0 and 24h, was " + grace);
    }
    if (maxSkew.isNegative() || maxSkew.compareTo(NightlyOptions.MAX_MAX_SKEW) > 0) {
      throw new ParameterException(spec.commandLine(), "--max-skew must be between 0 and 1h, was " + maxSkew);
    }
    StageLog log = new StageLog("trace " + id.hex());
    SparkSession spark = SparkSessions.create(SparkSessions.resolveMaster(master), "tracegraph trace " + id.hex(),
        sparkConf.settings());
    CompactTrace trace;
    try {
      trace = TraceReader.read(spark, new TraceReader.Request(spans, inputFormat, tenant, date, grace, id, maxSkew,
          out == Format.HTML ? HTML_SPAN_LIMIT : CompactTrace.NO_LIMIT), log);
    } finally {
      spark.stop();
    }
    String text = switch (out) {
      case TEXT -> TraceText.render(trace, links);
      case HTML -> TracePageHtml.render(trace, links);
      case JSON -> TraceJson.render(trace, links);
    };
    write(text);
    if (output != null) log.info("wrote " + output);
    return 0;
  }

  /** To standard output, or atomically to {@code --output} (a temporary file beside it, renamed over it). */
  private void write(String text) {
    if (output == null) {
      PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
      stdout.print(text);
      stdout.flush();
      return;
    }
    try {
      Path target = output.toAbsolutePath();
      Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
    }
  }
}
