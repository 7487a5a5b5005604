package io.tracegraph.reports.capacity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link SeriesForecast} as named fields, in one order, for JSON and CSV alike. Growth is a fraction per week
 * ({@code 0.407} = +40.7%); forecasts are in the series' unit (calls per day, or calls in the busiest minute).
 */
final class ForecastFields {
  /** Field names, in output order. */
  static final String[] NAMES = {"verdict", "days", "zero_days", "growth_per_day", "growth_per_week",
      "growth_per_week_low", "growth_per_week_high", "r_squared", "residual_sd", "forecast", "forecast_low",
      "forecast_high"};

  private ForecastFields() {}

  static Map<String, Object> of(SeriesForecast f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("verdict", f.verdict().key());
    m.put("days", f.days());
    m.put("zero_days", f.zeroDays());
    GrowthFit fit = f.fit();
    m.put("growth_per_day", fit == null ? null : Numbers.round(fit.growthPerDay().estimate()));
    m.put("growth_per_week", fit == null ? null : Numbers.round(fit.growthPerWeek().estimate()));
    m.put("growth_per_week_low", fit == null ? null : Numbers.round(fit.growthPerWeek().low()));
    m.put("growth_per_week_high", fit == null ? null : Numbers.round(fit.growthPerWeek().high()));
    m.put("r_squared", fit == null ? null : Numbers.round(fit.rSquared()));
    m.put("residual_sd", fit == null ? null : Numbers.round(fit.residualSd()));
    Interval p = f.forecast();
    m.put("forecast", p == null ? null : Numbers.round(p.estimate()));
    m.put("forecast_low", p == null ? null : Numbers.round(p.low()));
    m.put("forecast_high", p == null ? null : Numbers.round(p.high()));
    return m;
  }
}
