package io.tracegraph.jobs.rollup;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Options of {@code tracegraph rollup}.
 *
 * @param out the output root holding the daily tables ({@code OUT/tables/<name>/date=D/}) and receiving the rollup
 *     ({@code OUT/rollups/<from>_<to>/tables/<name>/})
 * @param from the first day of the range
 * @param to the last day of the range, inclusive
 */
public record RollupOptions(String out, LocalDate from, LocalDate to) {
  /** The longest range a rollup accepts, in days (ten years). */
  public static final int MAX_DAYS = 3_660;

  public RollupOptions {
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    if (to.isBefore(from)) throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    if (days(from, to) > MAX_DAYS) {
      throw new IllegalArgumentException("a rollup covers at most " + MAX_DAYS + " days, got " + days(from, to));
    }
  }

  public int days() {
    return days(from, to);
  }

  private static int days(LocalDate from, LocalDate to) {
    return (int) (to.toEpochDay() - from.toEpochDay() + 1);
  }
}
