package io.tracegraph.reports.capacity;

/**
 * An estimate with the bounds of its interval (confidence or prediction interval, as the producer says).
 *
 * @param estimate the point estimate
 * @param low the lower bound
 * @param high the upper bound
 */
public record Interval(double estimate, double low, double high) {
  public Interval {
    if (!(low <= estimate && estimate <= high)) {
      throw new IllegalArgumentException("interval " + low + " <= " + estimate + " <= " + high + " does not hold");
    }
  }

  /** True when {@code value} lies inside the interval, bounds included. */
  public boolean contains(double value) {
    return low <= value && value <= high;
  }
}
