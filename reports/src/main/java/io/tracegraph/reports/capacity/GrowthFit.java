package io.tracegraph.reports.capacity;

import java.util.Objects;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Growth of a daily series, fitted as a straight line through the <b>logarithm</b> of the values against the day:
 * {@code ln y = a + b·x}. Traffic grows by percentages (+5% a day compounds), which is a straight line in log space,
 * and the residuals of counts are closer to proportional than to constant; so the slope {@code b} is a rate, and
 * {@code e^b − 1} the growth per day, {@code e^{7b} − 1} per week. A flat series has {@code b = 0} whatever its level.
 *
 * <p>Least squares by Commons Math {@link SimpleRegression} (with intercept). For {@code n} points:
 * <ul>
 *   <li>the slope's 95% confidence interval is {@code b ± t·s/√Sxx}, with {@code s²} = SSE/(n−2) the residual variance,
 *       {@code Sxx} = Σ(x−x̄)² and {@code t} the 97.5% quantile of Student's t with n−2 degrees of freedom;</li>
 *   <li>R² = 1 − SSE/SST on the log values (1 when the values are exactly constant or exactly exponential);</li>
 *   <li>the 95% prediction interval of a new day {@code x0} is {@code ŷ ± t·s·√(1 + 1/n + (x0−x̄)²/Sxx)}, then
 *       exponentiated, so it is asymmetric around the forecast {@code e^ŷ} (the median, not the mean, of the
 *       log-normal model).</li>
 * </ul>
 * The assumptions are those of ordinary least squares on the logs: independent, normal residuals of equal variance.
 * Day-of-week seasonality breaks independence; fit whole weeks when it matters. Needs at least three points with
 * distinct days (one degree of freedom for the residuals). Values must be positive (days without calls are left out
 * by the caller).
 */
public final class GrowthFit {
  /** Level of every interval. */
  public static final double CONFIDENCE = 0.95;

  private final int n;
  private final double slope;
  private final double intercept;
  private final double rSquared;
  private final double residualSd;
  private final double xMean;
  private final double sxx;
  private final double t;

  private GrowthFit(double[] days, double[] values) {
    Objects.requireNonNull(days, "days == null");
    Objects.requireNonNull(values, "values == null");
    if (days.length != values.length) {
      throw new IllegalArgumentException(days.length + " days for " + values.length + " values");
    }
    if (days.length < 3) throw new IllegalArgumentException("a growth fit needs at least 3 points, got " + days.length);
    SimpleRegression regression = new SimpleRegression(true);
    double sum = 0;
    for (int i = 0; i < days.length; i++) {
      if (!(values[i] > 0) || Double.isInfinite(values[i])) {
        throw new IllegalArgumentException("value " + values[i] + " at day " + days[i] + " is not positive");
      }
      regression.addData(days[i], Math.log(values[i]));
      sum += days[i];
    }
    this.n = days.length;
    this.xMean = sum / n;
    this.sxx = regression.getXSumSquares();
    if (!(sxx > 0)) throw new IllegalArgumentException("a growth fit needs at least two distinct days");
    this.slope = regression.getSlope();
    this.intercept = regression.getIntercept();
    double sse = regression.getSumSquaredErrors();
    double sst = regression.getTotalSumSquares();
    // Constant or exactly exponential values: everything is explained (SST or SSE is 0 up to rounding).
    this.rSquared = sst <= 1e-24 || sse <= 1e-24 * sst ? 1.0 : Math.max(0, 1 - sse / sst);
    this.residualSd = Math.sqrt(sse / (n - 2));
    this.t = new TDistribution(null, n - 2).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
  }

  /** Fits {@code ln(values[i]) = a + b·days[i]}; {@code days} are day numbers (e.g. days since the range's start). */
  public static GrowthFit of(double[] days, double[] values) {
    return new GrowthFit(days, values);
  }

  public int points() {
    return n;
  }

  /** {@code b}: the slope of ln(value) per day. */
  public double slopePerDay() {
    return slope;
  }

  /** The slope with its confidence interval: {@code b ± t·s/√Sxx}. */
  public Interval slope() {
    double half = t * residualSd / Math.sqrt(sxx);
    return new Interval(slope, slope - half, slope + half);
  }

  public double intercept() {
    return intercept;
  }

  public double rSquared() {
    return rSquared;
  }

  /** {@code s}: the residual standard deviation of ln(value), about the typical day-to-day scatter as a ratio. */
  public double residualSd() {
    return residualSd;
  }

  /** The t quantile used by every interval (n − 2 degrees of freedom). */
  public double tQuantile() {
    return t;
  }

  /** Growth per day as a fraction ({@code e^b − 1}), with its confidence interval. */
  public Interval growthPerDay() {
    return growthOver(1);
  }

  /** Growth per week as a fraction ({@code e^{7b} − 1}), with its confidence interval. */
  public Interval growthPerWeek() {
    return growthOver(7);
  }

  private Interval growthOver(double days) {
    Interval b = slope();
    return new Interval(Math.expm1(days * b.estimate()), Math.expm1(days * b.low()), Math.expm1(days * b.high()));
  }

  /** The forecast value at day {@code x0}, {@code e^ŷ}, with its prediction interval for that one day. */
  public Interval predict(double x0) {
    double y = intercept + slope * x0;
    double half = t * residualSd * Math.sqrt(1 + 1.0 / n + (x0 - xMean) * (x0 - xMean) / sxx);
    return new Interval(Math.exp(y), Math.exp(y - half), Math.exp(y + half));
  }
}
