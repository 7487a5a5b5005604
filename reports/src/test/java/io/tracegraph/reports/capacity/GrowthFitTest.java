package io.tracegraph.reports.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The growth statistics against numbers worked out by hand, not by the code under test. */
class GrowthFitTest {
  private static final double EPS = 1e-9;
  /** Student's t, 97.5% quantile, from printed tables: 3 and 5 degrees of freedom. */
  private static final double T3 = 3.182446305284263;
  private static final double T5 = 2.570581835636314;

  /**
   * ln y = 0, 1, 1, 2, 3 on days 0..4. By hand: x̄ = 2, Sxx = 10, ȳ = 1.4, Sxy = 7, so b = 0.7 and a = 0; fitted
   * 0, 0.7, 1.4, 2.1, 2.8; residuals 0, 0.3, −0.4, −0.1, 0.2; SSE = 0.30, s² = 0.1, SE(b) = √(0.1/10) = 0.1;
   * SST = 5.2, R² = 1 − 0.3/5.2.
   */
  @Test
  void handWorkedExample() {
    double[] x = {0, 1, 2, 3, 4};
    double[] y = {Math.exp(0), Math.exp(1), Math.exp(1), Math.exp(2), Math.exp(3)};
    GrowthFit fit = GrowthFit.of(x, y);
    assertEquals(5, fit.points());
    assertEquals(0.7, fit.slopePerDay(), EPS);
    assertEquals(0.0, fit.intercept(), EPS);
    assertEquals(1 - 0.3 / 5.2, fit.rSquared(), EPS);
    assertEquals(Math.sqrt(0.1), fit.residualSd(), EPS);
    assertEquals(T3, fit.tQuantile(), 1e-9);
    assertEquals(0.7 - T3 * 0.1, fit.slope().low(), 1e-9);
    assertEquals(0.7 + T3 * 0.1, fit.slope().high(), 1e-9);
    assertEquals(Math.exp(0.7) - 1, fit.growthPerDay().estimate(), EPS);
    assertEquals(Math.exp(4.9) - 1, fit.growthPerWeek().estimate(), 1e-8);
    assertEquals(Math.exp(7 * (0.7 - T3 * 0.1)) - 1, fit.growthPerWeek().low(), 1e-8);

    // Day 11 (a week after the last day): ŷ = 7.7, half width t·s·√(1 + 1/5 + 81/10) = t·√0.1·√9.3.
    Interval p = fit.predict(11);
    double half = T3 * Math.sqrt(0.1) * Math.sqrt(9.3);
    assertEquals(Math.exp(7.7), p.estimate(), 1e-6);
    assertEquals(Math.exp(7.7 - half), p.low(), 1e-6);
    assertEquals(Math.exp(7.7 + half), p.high(), 1e-4);
  }

  /** +5% a day, exactly: slope ln 1.05, growth per week 1.05⁷ − 1 = 40.71%, nothing unexplained, zero-width intervals. */
  @Test
  void exactCompoundGrowth() {
    double[] x = new double[7];
    double[] y = new double[7];
    for (int d = 0; d < 7; d++) {
      x[d] = d;
      y[d] = 1000 * Math.pow(1.05, d);
    }
    GrowthFit fit = GrowthFit.of(x, y);
    assertEquals(Math.log(1.05), fit.slopePerDay(), 1e-12);
    assertEquals(0.05, fit.growthPerDay().estimate(), 1e-12);
    assertEquals(Math.pow(1.05, 7) - 1, fit.growthPerWeek().estimate(), 1e-12);
    assertEquals(0.4071004226562500, fit.growthPerWeek().estimate(), 1e-12);
    assertEquals(1.0, fit.rSquared(), 0);
    assertEquals(fit.growthPerWeek().low(), fit.growthPerWeek().high(), 1e-6);
    Interval p = fit.predict(6 + 30);
    assertEquals(1000 * Math.pow(1.05, 36), p.estimate(), 1e-6);
    assertEquals(p.low(), p.high(), 1e-3);
  }

  /**
   * A flat series with alternating scatter ±10%: ln y = ln 100 + 0.1·(−1)^d on days 0..6. By hand: x̄ = 3,
   * Σ(x−3)(−1)^d = −3+2−1+0+1−2+3 = 0, so b = 0 exactly and R² = 0; the mean deviation is 0.1/7, so
   * SSE = SST = 7·0.01 − 7·(0.1/7)² and s = √(SSE/5). No growth, R² of 0, and yet a tight forecast: why R² is not
   * the noise criterion.
   */
  @Test
  void flatSeriesHasNoSignificantGrowth() {
    double[] x = new double[7];
    double[] y = new double[7];
    for (int d = 0; d < 7; d++) {
      x[d] = d;
      y[d] = 100 * Math.exp(0.1 * (d % 2 == 0 ? 1 : -1));
    }
    GrowthFit fit = GrowthFit.of(x, y);
    assertEquals(0, fit.slopePerDay(), 1e-12);
    assertTrue(fit.slope().contains(0));
    double sse = 0.07 - 7 * Math.pow(0.1 / 7, 2);
    assertEquals(0, fit.rSquared(), 1e-9);
    assertEquals(Math.sqrt(sse / 5), fit.residualSd(), 1e-12);
    assertEquals(T5, fit.tQuantile(), 1e-9);
    assertEquals(T5 * Math.sqrt(sse / 5) / Math.sqrt(28), fit.slope().high(), 1e-12);
    Interval p = fit.predict(13);
    assertEquals(ForecastVerdict.OK, ForecastVerdict.judge(7, p));
    assertEquals(100 * Math.exp(0.1 / 7), p.estimate(), 1e-9);
  }

  @Test
  void rejectsWhatCannotBeFitted() {
    assertThrows(IllegalArgumentException.class, () -> GrowthFit.of(new double[] {0, 1}, new double[] {1, 2}));
    assertThrows(IllegalArgumentException.class,
        () -> GrowthFit.of(new double[] {0, 1, 2}, new double[] {1, 0, 2}));
    assertThrows(IllegalArgumentException.class,
        () -> GrowthFit.of(new double[] {3, 3, 3}, new double[] {1, 2, 3}));
  }
}
