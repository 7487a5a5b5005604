package io.tracegraph.tools.generate;

import java.io.Serializable;
import java.util.Locale;

/**
 * {@code --growth "frontend GET /=5%"}: one entry point's traffic grows by a fixed percentage per generated day,
 * compounding, for tests and demos of {@code tracegraph capacity}. On day d (0 for the first generated day) the entry
 * point gets {@code round(base·((1+rate)^d − 1))} traces on top of the normal mix, where {@code base} is its expected
 * share of the normal traces ({@code traces per day × its weight / all weights}); so its expected traces on day d are
 * {@code base·(1+rate)^d}, and nothing else changes. The extra traces are slots of their own after all normal ones, so
 * without {@code --growth} the output is byte-identical to before.
 *
 * @param entry the entry point's operation (the frontend's server span name, e.g. {@code GET /}); null: no growth
 * @param ratePerDay growth per day as a fraction (0.05 = 5%)
 */
public record Growth(String entry, double ratePerDay) implements Serializable {
  public static final Growth NONE = new Growth(null, 0);
  /** The largest growth accepted, per day. */
  static final double MAX_RATE = 1.0;

  public Growth {
    if (entry != null) {
      ShopWorld.entry(entry); // throws, naming the entry point, when the world has no such one
      if (!(ratePerDay >= 0 && ratePerDay <= MAX_RATE)) {
        throw new IllegalArgumentException("--growth rate must be between 0% and 100% per day, got " + ratePerDay);
      }
    }
  }

  public boolean isNone() {
    return entry == null;
  }

  /** Reads {@code "frontend GET /=5%"} (or {@code =0.05}); null or empty gives {@link #NONE}. */
  public static Growth parse(String value) {
    if (value == null || value.isBlank()) return NONE;
    int eq = value.lastIndexOf('=');
    String known = String.join(", ", ShopWorld.entries().stream()
        .map(e -> "'" + ShopWorld.FRONTEND + " " + e.operation().serverName() + "'").toList());
    if (eq < 0) throw new IllegalArgumentException("--growth '" + value + "' must be ENTRY=RATE, e.g. \"frontend GET /=5%\"");
    String entry = value.substring(0, eq).trim();
    String prefix = ShopWorld.FRONTEND + " ";
    if (!entry.startsWith(prefix)) {
      throw new IllegalArgumentException("--growth: unknown entry point '" + entry + "'; known: " + known);
    }
    String operation = entry.substring(prefix.length());
    if (ShopWorld.entries().stream().noneMatch(e -> e.operation().serverName().equals(operation))) {
      throw new IllegalArgumentException("--growth: unknown entry point '" + entry + "'; known: " + known);
    }
    String rate = value.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
    double r;
    try {
      r = rate.endsWith("%") ? Double.parseDouble(rate.substring(0, rate.length() - 1)) / 100 : Double.parseDouble(rate);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--growth '" + value + "': rate '" + rate + "' is not a number like 5%");
    }
    return new Growth(operation, r);
  }

  /** Extra traces of the entry point on day {@code d} (0-based) when {@code tracesPerDay} normal traces are made. */
  long extraTraces(int d, long tracesPerDay) {
    if (isNone()) return 0;
    double base = tracesPerDay * ShopWorld.entry(entry).weight() / ShopWorld.totalWeight();
    return Math.round(base * (Math.pow(1 + ratePerDay, d) - 1));
  }
}
