package io.tracegraph.model;

/**
 * The one definition of a quantile in tracegraph. The q-quantile of n values is the value at 0-based rank
 * {@code floor(q * (n - 1))} of the values sorted ascending: the "lower" quantile (Hyndman and Fan's type 1 family,
 * numpy's {@code method="lower"}). It is always one of the values, never an interpolation, so p50 of {10, 20} is 10,
 * p90 of 1..10 is 9, p100 is the maximum and p0 the minimum. DDSketch ranks the same way, so a sketched quantile
 * is within the sketch's relative accuracy of exactly this value. Percentiles are never averaged: rollups merge
 * the distributions and ask again.
 */
public final class Quantiles {
  private Quantiles() {}

  /** The quantiles every latency column group reports: p50, p90, p95, p99, p99.9. */
  public static final double[] REPORTED = {0.5, 0.9, 0.95, 0.99, 0.999};

  /** The 0-based rank, among {@code n} sorted values, of the {@code q}-quantile: {@code floor(q * (n - 1))}. */
  public static long rank(double q, long n) {
    if (!(q >= 0 && q <= 1)) throw new IllegalArgumentException("quantile must be in [0, 1]: " + q);
    if (n <= 0) throw new IllegalArgumentException("no values");
    return (long) Math.floor(q * (n - 1));
  }
}
