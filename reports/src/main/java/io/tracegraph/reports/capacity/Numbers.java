package io.tracegraph.reports.capacity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Fixed rounding for the capacity outputs, so the same input gives the same bytes in JSON, CSV and HTML. */
final class Numbers {
  /** Decimal places kept for every fractional number (growth, R², forecasts, projections). */
  static final int DECIMALS = 6;

  private Numbers() {}

  /** {@code v} rounded half-even to {@link #DECIMALS} places; null stays null. */
  static Double round(Double v) {
    if (v == null) return null;
    if (v.isNaN() || v.isInfinite()) return null;
    return new BigDecimal(v).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** Plain text of the rounded value without trailing zeros ({@code 0.05}, {@code 12}); empty for null. */
  static String text(Double v) {
    Double r = round(v);
    if (r == null) return "";
    BigDecimal b = new BigDecimal(r).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return b.signum() == 0 ? "0" : b.toPlainString();
  }
}
