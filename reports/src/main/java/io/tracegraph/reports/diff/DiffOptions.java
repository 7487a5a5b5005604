package io.tracegraph.reports.diff;

/**
 * Thresholds of the day-over-day diff. Keys and defaults are the constants beside each option.
 *
 * @param callChangePercent flag an edge whose calls changed by at least this many percent, up or down
 * @param minCalls ... and which had at least this many calls on one of the two days (10 → 20 calls is noise)
 * @param alpha family-wise significance level of the error-rate and latency tests: one edge is flagged when its
 *     p-value is below {@code alpha / number of edges tested} (Bonferroni), so a day with many edges does not
 *     flag some by chance
 * @param minErrorRateChangePoints ... and when its error rate moved by at least this many percentage points (with
 *     millions of calls a 0.01-point change is significant but not worth waking anybody)
 * @param minLatencyChangePercent a latency regression also needs the median to rise by at least this many percent
 */
public record DiffOptions(double callChangePercent, long minCalls, double alpha, double minErrorRateChangePoints,
                          double minLatencyChangePercent) {
  public static final double CALL_CHANGE_PERCENT_DEFAULT = 50;
  public static final long MIN_CALLS_DEFAULT = 20;
  public static final double ALPHA_DEFAULT = 0.01;
  public static final double MIN_ERROR_RATE_CHANGE_POINTS_DEFAULT = 0.5;
  public static final double MIN_LATENCY_CHANGE_PERCENT_DEFAULT = 20;

  public static final DiffOptions DEFAULTS = new DiffOptions(CALL_CHANGE_PERCENT_DEFAULT, MIN_CALLS_DEFAULT,
      ALPHA_DEFAULT, MIN_ERROR_RATE_CHANGE_POINTS_DEFAULT, MIN_LATENCY_CHANGE_PERCENT_DEFAULT);

  public DiffOptions {
    if (!(callChangePercent > 0) || Double.isInfinite(callChangePercent)) {
      throw new IllegalArgumentException("--diff-call-change must be a positive percentage, was " + callChangePercent);
    }
    if (minCalls < 0) throw new IllegalArgumentException("--diff-min-calls must be 0 or more, was " + minCalls);
    if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("--diff-alpha must be in (0, 1), was " + alpha);
    if (!(minErrorRateChangePoints >= 0 && minErrorRateChangePoints <= 100)) {
      throw new IllegalArgumentException("--diff-min-error-rate-change must be 0..100 percentage points, was "
          + minErrorRateChangePoints);
    }
    if (!(minLatencyChangePercent >= 0) || Double.isInfinite(minLatencyChangePercent)) {
      throw new IllegalArgumentException("--diff-min-latency-change must be a percentage of 0 or more, was "
          + minLatencyChangePercent);
    }
  }
}
