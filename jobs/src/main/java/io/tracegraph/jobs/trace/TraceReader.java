package io.tracegraph.jobs.trace;

import io.tracegraph.jobs.NotFoundException;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.source.FormatDetector;
import io.tracegraph.jobs.source.SourceRequest;
import io.tracegraph.jobs.source.SourceScan;
import io.tracegraph.jobs.source.SpanFormat;
import io.tracegraph.jobs.source.SpanRowReader;
import io.tracegraph.jobs.source.TraceIdFilter;
import io.tracegraph.model.ClockSkewAdjuster;
import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.Span;
import io.tracegraph.model.TraceId;
import io.tracegraph.model.TraceTree;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads one trace from the archive the nightly job reads, in any of its formats: the day's read range (the day and
 * the grace periods of its neighbours) through {@link TraceIdFilter} (files whose statistics exclude the trace are
 * not opened, row groups are skipped by Parquet), each row parsed as the nightly job parses it
 * ({@link SpanRowReader}), the tree built and skew-adjusted by the same model, so the trace is exactly the one the
 * nightly job analysed.
 */
public final class TraceReader {
  /**
   * What to read.
   *
   * @param spans the input root
   * @param format the input format, or null to detect it
   * @param tenant Tempo: one tenant, or null
   * @param date the day whose read range is searched
   * @param grace how far into the neighbouring days
   * @param id the trace
   * @param maxSkew the clock-skew bound, as the nightly job's {@code --max-skew}
   * @param spanLimit spans kept ({@link CompactTrace#NO_LIMIT} for all)
   */
  public record Request(String spans, SpanFormat format, String tenant, LocalDate date, Duration grace, TraceId id,
                        Duration maxSkew, int spanLimit) {}

  private TraceReader() {}

  /** The trace; NotFoundException when no row of it is in the read range. */
  public static CompactTrace read(SparkSession spark, Request r, StageLog log) {
    SpanFormat format = r.format();
    if (format == null) {
      FormatDetector.Detection detected = FormatDetector.detect(r.spans(), r.date(), false,
          spark.sparkContext().hadoopConfiguration());
      format = detected.format();
      log.info("format: " + format.key() + " (detected: " + detected.evidence() + ")");
    }
    DayWindow window = new DayWindow(r.date(), r.grace());
    TraceIdFilter filter = new TraceIdFilter(r.id());
    SourceScan scan = format.source().plan(spark, new SourceRequest(r.spans(), window, false, r.tenant(), filter));
    log.done("list", filter.summary());
    String where = " in " + r.spans() + " (" + format.key() + ") for " + r.date() + " with grace " + r.grace()
        + ": " + filter.summary();
    if (scan.inputFiles().isEmpty()) throw new NotFoundException("no span of trace " + r.id().hex() + where);

    spark.sparkContext().setJobDescription("tracegraph trace " + r.id().hex());
    List<Row> rows = scan.read(spark).collectAsList();
    Map<String, Long> dropped = new TreeMap<>();
    List<Span> spans = new ArrayList<>();
    SpanRowReader reader = null;
    for (Row row : rows) {
      if (reader == null) reader = SpanRowReader.of(row.schema());
      ParsedRow parsed = reader.parse(row);
      if (parsed.isDropped()) {
        dropped.merge(parsed.dropped().key(), 1L, Long::sum);
      } else if (parsed.traceHigh() == r.id().high() && parsed.traceLow() == r.id().low()) {
        spans.add(parsed.span());
      }
    }
    log.done("read", "rows=" + rows.size() + " spans=" + spans.size() + (dropped.isEmpty() ? "" : " dropped=" + dropped));
    if (spans.isEmpty()) {
      throw new NotFoundException("no span of trace " + r.id().hex() + where + "; rows read " + rows.size()
          + (dropped.isEmpty() ? "" : ", dropped as invalid " + dropped));
    }
    TraceTree tree = TraceTree.build(r.id().high(), r.id().low(), spans);
    DayWindow.Placement placement = window.place(tree.earliestStartNanos());
    if (placement != DayWindow.Placement.THIS_DAY) {
      log.info("note: the trace's first span is on " + (placement == DayWindow.Placement.PREVIOUS_DAY
          ? r.date().minusDays(1) : r.date().plusDays(1)) + "; the nightly run of that day analyses it");
    }
    return CompactTrace.of(r.id(), new ClockSkewAdjuster(r.maxSkew()).adjust(tree), r.spanLimit());
  }
}
