package io.tracegraph.reports.diff;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * Did an edge get slower between two days, beyond chance? The Mann-Whitney U test (two-sided, normal approximation;
 * Commons Math {@link MannWhitneyUTest}) compares the two days' call durations without assuming a distribution,
 * which suits long-tailed latencies. Needs {@link #MIN_SAMPLES} durations on each day, else {@code null}.
 */
public final class LatencyTest {
  public static final int MIN_SAMPLES = 20;

  /** The medians of both days in microseconds, the sample sizes and the p-value. */
  public record Outcome(double medianBeforeMicros, double medianAfterMicros, int samplesBefore, int samplesAfter,
                        double pValue) {}

  private LatencyTest() {}

  public static Outcome test(long[] before, long[] after) {
    if (before == null || after == null || before.length < MIN_SAMPLES || after.length < MIN_SAMPLES) return null;
    double[] b = Arrays.stream(before).asDoubleStream().toArray();
    double[] a = Arrays.stream(after).asDoubleStream().toArray();
    double p = new MannWhitneyUTest().mannWhitneyUTest(b, a);
    return new Outcome(median(b), median(a), b.length, a.length, p);
  }

  /** The middle value (mean of the two middle values for an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
