package io.tracegraph.jobs.source;

import io.tracegraph.model.DayWindow;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What a nightly run asks of a source.
 *
 * @param root the input root ({@code --spans})
 * @param window the day and its grace periods
 * @param skipBadFiles skip unreadable files and report them instead of stopping
 * @param tenant Tempo only: read only this tenant's blocks; null for every tenant under the root
 * @param trace only the rows of this trace ({@code tracegraph trace}), read through Parquet statistics; null for all
 */
public record SourceRequest(String root, DayWindow window, boolean skipBadFiles, String tenant, TraceIdFilter trace) {
  public SourceRequest {
    Objects.requireNonNull(root, "root == null");
    Objects.requireNonNull(window, "window == null");
  }

  /** Every row of the day's read range. */
  public SourceRequest(String root, DayWindow window, boolean skipBadFiles, String tenant) {
    this(root, window, skipBadFiles, tenant, null);
  }

  /** The UTC days whose partitions hold rows of the read range: the day, and its neighbours when grace > 0. */
  public List<LocalDate> daysToRead() {
    LocalDate d = window.day();
    return window.grace().isZero() ? List.of(d) : List.of(d.minusDays(1), d, d.plusDays(1));
  }
}
