package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.source.SpanFormat;
import io.tracegraph.model.CallPatterns;
import io.tracegraph.model.ClockSkewAdjuster;
import io.tracegraph.model.TraceAnalyses;
import io.tracegraph.reports.diff.DiffOptions;
import io.tracegraph.reports.trace.TraceUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Options of the nightly dependency-graph job. Defaults are the constants beside each option; {@link #builder}
 * names what differs from them.
 *
 * @param spans root of the span archive ({@code ROOT/date=YYYY-MM-DD/*.parquet})
 * @param out output root ({@code OUT/tables/...}, {@code OUT/reports/D/...})
 * @param date the UTC day to report
 * @param grace how far into the neighbouring days' partitions to read for traces crossing midnight
 * @param skipBadFiles skip unreadable Parquet files (and report them) instead of stopping
 * @param explain print Spark's physical plan of the analysis
 * @param format the input format, or null to detect it from the input
 * @param tenant Tempo only: the one tenant to read, or null for every tenant under the root
 * @param diff thresholds of the day-over-day diff in the reports ({@link DiffOptions#DEFAULTS} by default)
 * @param maxSkew the largest clock-skew correction applied to a span before timing analysis; 0 turns it off
 * @param linksOnly derive only the dependency links (no error origins, critical paths, trace quality)
 * @param nPlusOne sequential calls of one parent span to one operation that make an N+1 loop ({@code --n-plus-one})
 * @param traceUrl {@code --trace-url}: links from every trace id in the report to the tracing UI, or null
 * @param maxTraceSpans {@code --max-trace-spans}: a trace with more usable rows is left out whole, and counted
 */
public record NightlyOptions(String spans, String out, LocalDate date, Duration grace, boolean skipBadFiles,
                             boolean explain, SpanFormat format, String tenant, DiffOptions diff,
                             Duration maxSkew, boolean linksOnly, int nPlusOne, TraceUrl traceUrl,
                             int maxTraceSpans) {
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);
  public static final boolean DEFAULT_SKIP_BAD_FILES = false;
  /** No {@code --format}: detect it ({@link io.tracegraph.jobs.source.FormatDetector}). */
  public static final SpanFormat DEFAULT_FORMAT = null;
  public static final Duration DEFAULT_MAX_SKEW = ClockSkewAdjuster.DEFAULT_MAX_SKEW;
  public static final boolean DEFAULT_LINKS_ONLY = false;
  public static final int DEFAULT_N_PLUS_ONE = CallPatterns.N_PLUS_ONE_DEFAULT;
  /** No {@code --trace-url}: trace ids link to their waterfalls in the report only. */
  public static final TraceUrl DEFAULT_TRACE_URL = null;
  public static final int DEFAULT_MAX_TRACE_SPANS = TraceAnalyses.Options.MAX_TRACE_SPANS_DEFAULT;
  /** The largest --max-skew accepted: a bigger gap is not clock skew. */
  public static final Duration MAX_MAX_SKEW = Duration.ofHours(1);

  public NightlyOptions {
    Objects.requireNonNull(spans, "spans == null");
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(date, "date == null");
    Objects.requireNonNull(grace, "grace == null");
    Objects.requireNonNull(diff, "diff == null");
    if (grace.isNegative() || grace.compareTo(Duration.ofHours(24)) > 0) {
      throw new IllegalArgumentException("--grace must be between 0 and 24h, was " + grace);
    }
    Objects.requireNonNull(maxSkew, "maxSkew == null");
    if (maxSkew.isNegative() || maxSkew.compareTo(MAX_MAX_SKEW) > 0) {
      throw new IllegalArgumentException("--max-skew must be between 0 and 1h, was " + maxSkew);
    }
    if (nPlusOne < 2 || nPlusOne > 1_000_000) {
      throw new IllegalArgumentException("--n-plus-one must be between 2 and 1000000, was " + nPlusOne);
    }
    if (maxTraceSpans < 1) throw new IllegalArgumentException("--max-trace-spans must be positive, was " + maxTraceSpans);
  }

  /** One day's options with every default: format detected, every tenant, default grace, diff and analyses. */
  public static NightlyOptions of(String spans, String out, LocalDate date) {
    return builder(spans, out, date).build();
  }

  /** Options for one day, every other option at its default until set. */
  public static Builder builder(String spans, String out, LocalDate date) {
    return new Builder(spans, out, date);
  }

  /** A builder holding these options, to change some. */
  public Builder toBuilder() {
    return new Builder(spans, out, date).grace(grace).skipBadFiles(skipBadFiles).explain(explain).format(format)
        .tenant(tenant).diff(diff).maxSkew(maxSkew).linksOnly(linksOnly).nPlusOne(nPlusOne).traceUrl(traceUrl)
        .maxTraceSpans(maxTraceSpans);
  }

  /** The same options for another day (each day of a {@code --to} backfill). */
  public NightlyOptions withDate(LocalDate day) {
    return toBuilder().date(day).build();
  }

  /** Names what differs from the defaults; {@link #build()} checks the options as the record does. */
  public static final class Builder {
    private final String spans;
    private final String out;
    private LocalDate date;
    private Duration grace = DEFAULT_GRACE;
    private boolean skipBadFiles = DEFAULT_SKIP_BAD_FILES;
    private boolean explain;
    private SpanFormat format = DEFAULT_FORMAT;
    private String tenant;
    private DiffOptions diff = DiffOptions.DEFAULTS;
    private Duration maxSkew = DEFAULT_MAX_SKEW;
    private boolean linksOnly = DEFAULT_LINKS_ONLY;
    private int nPlusOne = DEFAULT_N_PLUS_ONE;
    private TraceUrl traceUrl = DEFAULT_TRACE_URL;
    private int maxTraceSpans = DEFAULT_MAX_TRACE_SPANS;

    private Builder(String spans, String out, LocalDate date) {
      this.spans = spans;
      this.out = out;
      this.date = date;
    }

    public Builder date(LocalDate date) {
      this.date = date;
      return this;
    }

    public Builder grace(Duration grace) {
      this.grace = grace;
      return this;
    }

    public Builder skipBadFiles(boolean skipBadFiles) {
      this.skipBadFiles = skipBadFiles;
      return this;
    }

    public Builder explain(boolean explain) {
      this.explain = explain;
      return this;
    }

    /** The input format; null to detect it. */
    public Builder format(SpanFormat format) {
      this.format = format;
      return this;
    }

    /** Tempo only: the tenant to read; null for every tenant. */
    public Builder tenant(String tenant) {
      this.tenant = tenant;
      return this;
    }

    public Builder diff(DiffOptions diff) {
      this.diff = diff;
      return this;
    }

    public Builder maxSkew(Duration maxSkew) {
      this.maxSkew = maxSkew;
      return this;
    }

    public Builder linksOnly(boolean linksOnly) {
      this.linksOnly = linksOnly;
      return this;
    }

    public Builder nPlusOne(int nPlusOne) {
      this.nPlusOne = nPlusOne;
      return this;
    }

    /** {@code --trace-url}: links from every trace id in the report to the tracing UI; null for none. */
    public Builder traceUrl(TraceUrl traceUrl) {
      this.traceUrl = traceUrl;
      return this;
    }

    public Builder maxTraceSpans(int maxTraceSpans) {
      this.maxTraceSpans = maxTraceSpans;
      return this;
    }

    /** @throws IllegalArgumentException for an option out of range (a usage error on the command line) */
    public NightlyOptions build() {
      return new NightlyOptions(spans, out, date, grace, skipBadFiles, explain, format, tenant, diff, maxSkew,
          linksOnly, nPlusOne, traceUrl, maxTraceSpans);
    }
  }

  /** What the per-trace analyses compute. */
  public TraceAnalyses.Options analyses() {
    return new TraceAnalyses.Options(maxSkew, linksOnly, nPlusOne, maxTraceSpans);
  }

  /** Yesterday in UTC: the default day, the one a nightly scheduler means. */
  public static LocalDate yesterdayUtc(Clock clock) {
    return LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)).minusDays(1);
  }
}
