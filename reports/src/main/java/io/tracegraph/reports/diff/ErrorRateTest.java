package io.tracegraph.reports.diff;

import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Did an edge's error rate change between two days, beyond chance? Pearson's chi-square test of independence on the
 * 2×2 table (day × failed/succeeded), one degree of freedom, no continuity correction (Commons Math
 * {@link ChiSquareTest}). The test is only valid when every expected cell count is at least 5 (Cochran's rule);
 * otherwise {@link #test} returns {@code null} and the edge is counted as not testable rather than judged on noise.
 */
public final class ErrorRateTest {
  /** Smallest expected count per cell for the chi-square approximation. */
  public static final double MIN_EXPECTED = 5;

  /** The test's outcome: the statistic and its p-value. */
  public record Outcome(double chiSquare, double pValue) {}

  private ErrorRateTest() {}

  public static Outcome test(long callsBefore, long errorsBefore, long callsAfter, long errorsAfter) {
    long[][] table = {
        {errorsBefore, callsBefore - errorsBefore},
        {errorsAfter, callsAfter - errorsAfter}};
    double n = callsBefore + callsAfter;
    double errors = errorsBefore + errorsAfter;
    double ok = n - errors;
    for (long calls : new long[] {callsBefore, callsAfter}) {
      if (calls * errors / n < MIN_EXPECTED || calls * ok / n < MIN_EXPECTED) return null;
    }
    ChiSquareTest test = new ChiSquareTest();
    return new Outcome(test.chiSquare(table), test.chiSquareTest(table));
  }
}
