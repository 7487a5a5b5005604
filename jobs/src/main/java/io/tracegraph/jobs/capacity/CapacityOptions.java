package io.tracegraph.jobs.capacity;

import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.reports.capacity.CapacityInput.EntryKey;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.Path;

/**
 * Options of {@code tracegraph capacity}.
 *
 * @param out the nightly output root: tables are read from {@code OUT/tables/}, the report goes to
 *     {@code OUT/reports/capacity-<to>/}
 * @param from first day of the range
 * @param to last day of the range, inclusive
 * @param horizonDays how many days after {@code to} the forecasts are for
 * @param scale what-if factors per entry point (empty: no what-if)
 */
public record CapacityOptions(String out, LocalDate from, LocalDate to, int horizonDays, Map<EntryKey, Double> scale) {
  public static final String HORIZON_DEFAULT = "90d";
  /** The longest horizon accepted, in days (ten years). */
  public static final int MAX_HORIZON_DAYS = 3_660;
  /** The longest range accepted, in days (ten years). */
  public static final int MAX_DAYS = 3_660;

  public CapacityOptions {
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    if (to.isBefore(from)) throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_DAYS) {
      throw new IllegalArgumentException("a capacity report covers at most " + MAX_DAYS + " days");
    }
    if (horizonDays < 1 || horizonDays > MAX_HORIZON_DAYS) {
      throw new IllegalArgumentException("--horizon must be between 1 and " + MAX_HORIZON_DAYS + " days, got "
          + horizonDays);
    }
    scale = Collections.unmodifiableMap(new LinkedHashMap<>(scale));
  }

  /** {@code OUT/reports/capacity-<to>}: where the report goes. */
  public Path reportDir() {
    return OutputLayout.of(out).capacityReport(to);
  }

  /**
   * Reads one {@code --scale} value, {@code "SERVICE OPERATION=FACTOR"}: the entry point is everything before the
   * last {@code =}, its service the part before the first space; the factor a finite number ≥ 0.
   */
  public static Map.Entry<EntryKey, Double> parseScale(String value) {
    int eq = value.lastIndexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("--scale '" + value + "' must be ENTRY=FACTOR, e.g. \"frontend POST /checkout=2\"");
    }
    String entry = value.substring(0, eq).trim();
    String factorText = value.substring(eq + 1).trim();
    int space = entry.indexOf(' ');
    if (space <= 0 || space == entry.length() - 1) {
      throw new IllegalArgumentException("--scale '" + value + "': the entry point must be SERVICE OPERATION, e.g. "
          + "\"frontend POST /checkout\"");
    }
    double factor;
    try {
      factor = Double.parseDouble(factorText.endsWith("x") ? factorText.substring(0, factorText.length() - 1)
          : factorText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--scale '" + value + "': factor '" + factorText + "' is not a number");
    }
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("--scale '" + value + "': factor must be a finite number >= 0");
    }
    return Map.entry(new EntryKey(entry.substring(0, space), entry.substring(space + 1)), factor);
  }
}
