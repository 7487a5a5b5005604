package io.tracegraph.jobs.cli;

import java.time.LocalDate;
import picocli.CommandLine.Option;

/** {@code --from} and {@code --to}, the range of days of the commands that read the daily tables (a picocli mixin). */
public final class DayRangeOptions {
  @Option(names = "--from", required = true, paramLabel = "YYYY-MM-DD", description = "First day of the range (UTC).")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "YYYY-MM-DD",
      description = "Last day of the range, inclusive (UTC).")
  LocalDate to;

  public LocalDate from() {
    return from;
  }

  public LocalDate to() {
    return to;
  }
}
