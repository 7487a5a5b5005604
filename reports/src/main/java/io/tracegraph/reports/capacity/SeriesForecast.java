package io.tracegraph.reports.capacity;

import java.util.Objects;
import java.util.SortedMap;

/**
 * One daily series (calls of a day, or its busiest minute), its growth fit and its forecast at the horizon, judged
 * by {@link ForecastVerdict}.
 *
 * @param days days with a positive value: the points of the fit (days without calls are left out, see
 *     {@link #of})
 * @param zeroDays days of the range with tables but no calls in this series
 * @param verdict whether the forecast can be printed
 * @param fit the growth fit; null when {@link ForecastVerdict#TOO_SHORT}
 * @param forecast the value at the horizon with its 95% prediction interval; null unless {@link ForecastVerdict#OK}
 */
public record SeriesForecast(int days, int zeroDays, ForecastVerdict verdict, GrowthFit fit, Interval forecast) {
  public SeriesForecast {
    Objects.requireNonNull(verdict, "verdict == null");
    if (verdict == ForecastVerdict.TOO_SHORT ? fit != null : fit == null) {
      throw new IllegalArgumentException("a fit exactly when the series is long enough");
    }
    if ((verdict == ForecastVerdict.OK) != (forecast != null)) {
      throw new IllegalArgumentException("a forecast exactly when the verdict is ok");
    }
  }

  /**
   * Fits the positive values of {@code series} (day number → value) and forecasts day {@code horizonDay}. Days with
   * value 0 are left out of the fit (the logarithm needs positive values) and counted in {@link #zeroDays}: a
   * series that is often zero is sparse and its growth should be read with that in mind.
   */
  public static SeriesForecast of(SortedMap<Integer, Long> series, double horizonDay) {
    int n = 0;
    int zeros = 0;
    for (long v : series.values()) {
      if (v > 0) n++;
      else zeros++;
    }
    if (n < ForecastVerdict.MIN_DAYS) return new SeriesForecast(n, zeros, ForecastVerdict.TOO_SHORT, null, null);
    double[] x = new double[n];
    double[] y = new double[n];
    int i = 0;
    for (var e : series.entrySet()) {
      if (e.getValue() <= 0) continue;
      x[i] = e.getKey();
      y[i] = e.getValue();
      i++;
    }
    GrowthFit fit = GrowthFit.of(x, y);
    Interval forecast = fit.predict(horizonDay);
    ForecastVerdict verdict = ForecastVerdict.judge(n, forecast);
    return new SeriesForecast(n, zeros, verdict, fit, verdict == ForecastVerdict.OK ? forecast : null);
  }
}
