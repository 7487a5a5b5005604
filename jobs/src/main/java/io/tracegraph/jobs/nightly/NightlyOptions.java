package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.source.SpanFormat;
import io.tracegraph.reports.diff.DiffOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Options of the nightly dependency-graph job. Defaults are the constants beside each option.
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
 */
public record NightlyOptions(String spans, String out, LocalDate date, Duration grace, boolean skipBadFiles,
                             boolean explain, SpanFormat format, String tenant, DiffOptions diff) {
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);
  public static final boolean DEFAULT_SKIP_BAD_FILES = false;
  /** No {@code --format}: detect it ({@link io.tracegraph.jobs.source.FormatDetector}). */
  public static final SpanFormat DEFAULT_FORMAT = null;

  public NightlyOptions {
    Objects.requireNonNull(spans, "spans == null");
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(date, "date == null");
    Objects.requireNonNull(grace, "grace == null");
    Objects.requireNonNull(diff, "diff == null");
    if (grace.isNegative() || grace.compareTo(Duration.ofHours(24)) > 0) {
      throw new IllegalArgumentException("--grace must be between 0 and 24h, was " + grace);
    }
  }

  /** Options with the default diff thresholds. */
  public NightlyOptions(String spans, String out, LocalDate date, Duration grace, boolean skipBadFiles,
                        boolean explain, SpanFormat format, String tenant) {
    this(spans, out, date, grace, skipBadFiles, explain, format, tenant, DiffOptions.DEFAULTS);
  }

  /** Options with the format detected, every tenant read and the default diff thresholds. */
  public NightlyOptions(String spans, String out, LocalDate date, Duration grace, boolean skipBadFiles,
                        boolean explain) {
    this(spans, out, date, grace, skipBadFiles, explain, DEFAULT_FORMAT, null, DiffOptions.DEFAULTS);
  }

  /** Yesterday in UTC: the default day, the one a nightly scheduler means. */
  public static LocalDate yesterdayUtc(Clock clock) {
    return LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC)).minusDays(1);
  }
}
