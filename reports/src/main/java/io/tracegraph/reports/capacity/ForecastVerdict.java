package io.tracegraph.reports.capacity;

/**
 * Whether a series can be forecast, and if not, why. A report prints a forecast only for {@link #OK}; otherwise it
 * prints the verdict instead of a number that would mislead.
 *
 * <ul>
 *   <li>{@link #TOO_SHORT}: fewer than {@link #MIN_DAYS} days with calls. A week is the shortest span that covers a
 *       weekly cycle once; with fewer points the slope's interval is so wide (t grows fast below 5 degrees of freedom)
 *       that no growth, not even the growth per week, is reported.</li>
 *   <li>{@link #TOO_NOISY}: the 95% prediction interval at the horizon spans more than a factor of
 *       {@link #MAX_INTERVAL_RATIO} (high / low): the forecast is not known to within a factor of two either way.
 *       Growth and its confidence interval are still reported. R² is deliberately not the criterion: a flat series
 *       has R² near 0 yet forecasts perfectly well; the interval width measures what matters, the scatter around
 *       the trend and how far the horizon extrapolates beyond the data.</li>
 * </ul>
 */
public enum ForecastVerdict {
  OK("ok"),
  TOO_SHORT("too_short"),
  TOO_NOISY("too_noisy");

  /** Fewest days with calls for a fit. */
  public static final int MIN_DAYS = 7;
  /** Widest prediction interval, as high / low, for which a forecast is printed. */
  public static final double MAX_INTERVAL_RATIO = 4.0;

  private final String key;

  ForecastVerdict(String key) {
    this.key = key;
  }

  /** The name in JSON and CSV. */
  public String key() {
    return key;
  }

  /** Judges a series of {@code days} points whose forecast at the horizon is {@code forecast} (null: no fit). */
  public static ForecastVerdict judge(int days, Interval forecast) {
    if (days < MIN_DAYS || forecast == null) return TOO_SHORT;
    return forecast.high() > MAX_INTERVAL_RATIO * forecast.low() ? TOO_NOISY : OK;
  }

  /** One sentence for people: why there is no number. */
  public String reason() {
    return switch (this) {
      case OK -> "";
      case TOO_SHORT -> "fewer than " + MIN_DAYS + " days with calls";
      case TOO_NOISY -> "95% prediction interval wider than a factor of " + (int) MAX_INTERVAL_RATIO;
    };
  }
}
