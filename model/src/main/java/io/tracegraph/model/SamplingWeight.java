package io.tracegraph.model;

import java.util.Locale;

/**
 * The sampling weight of a span: how many spans of the unsampled traffic it stands for (1 / sampling probability),
 * read from the markers instrumentation records, in this order of precedence:
 * <ol>
 *   <li>OpenTelemetry's W3C {@code tracestate} entry {@code ot=th:T} (attribute {@code tracestate} or
 *       {@code w3c.tracestate}): T is the rejection threshold, 1 to 14 hex digits with trailing zeros dropped;
 *       the sampling probability is {@code 1 - T / 2^56}, so {@code th:0} is 1, {@code th:8} is 1/2 and
 *       {@code th:c} is 1/4;</li>
 *   <li>OpenTracing's {@code sampling.priority}: a value above 0 means the trace was kept on purpose whatever the
 *       sampling rate, so it stands for itself: weight 1 (0 or below says nothing about the rate);</li>
 *   <li>Jaeger's {@code sampler.type} and {@code sampler.param}: {@code probabilistic} or {@code lowerbound} with
 *       probability p in (0, 1] give 1/p; {@code const} gives 1; {@code ratelimiting} and others say nothing about
 *       the rate.</li>
 * </ol>
 * A span with none of these carries no weight of its own ({@link #NONE}): it takes its nearest ancestor's, and 1
 * when no ancestor has one. A marker that cannot be read is {@link #INVALID} (the row is counted as repaired, and
 * read as unmarked).
 *
 * <p>Estimated counts are sums of weights, kept as whole multiples of 1/{@link #SCALE} ({@link #fixed}) so that
 * summing in any order, per partition, per day or per range, gives exactly the same result.
 */
public final class SamplingWeight {
  private SamplingWeight() {}

  /** No marker: inherit. */
  public static final double NONE = 0;
  /** A marker that could not be read. */
  public static final double INVALID = -1;
  /** Estimated counts are multiples of 1 / SCALE. */
  public static final long SCALE = 1L << 16;
  /** Fixed-point 1: the weight of an unsampled span. */
  public static final long ONE = SCALE;

  private static final double TWO_POW_56 = 0x1p56;

  /** The weight the markers give, {@link #NONE} or {@link #INVALID}. Any argument may be null. */
  public static double of(String tracestate, String samplingPriority, String samplerType, String samplerParam) {
    if (tracestate != null) {
      double fromTracestate = fromTracestate(tracestate);
      if (fromTracestate != NONE) return fromTracestate;
    }
    if (samplingPriority != null && !samplingPriority.isBlank()) {
      try {
        long priority = (long) Double.parseDouble(samplingPriority.trim());
        if (priority > 0) return 1;
      } catch (NumberFormatException e) {
        return INVALID;
      }
    }
    if (samplerType != null && !samplerType.isBlank()) {
      switch (samplerType.trim().toLowerCase(Locale.ROOT)) {
        case "probabilistic", "lowerbound" -> {
          if (samplerParam == null) return INVALID;
          try {
            double p = Double.parseDouble(samplerParam.trim());
            return p > 0 && p <= 1 ? 1 / p : INVALID;
          } catch (NumberFormatException e) {
            return INVALID;
          }
        }
        case "const" -> {
          return 1;
        }
        default -> {
          return NONE;
        }
      }
    }
    return NONE;
  }

  /** The weight in a W3C tracestate's {@code ot} entry ({@code th:} sub-key), {@link #NONE} or {@link #INVALID}. */
  static double fromTracestate(String tracestate) {
    for (String member : tracestate.split(",")) {
      String m = member.trim();
      if (!m.startsWith("ot=")) continue;
      for (String field : m.substring(3).split(";")) {
        if (!field.startsWith("th:")) continue;
        String hex = field.substring(3);
        if (hex.isEmpty() || hex.length() > 14 || !HexIds.isHex(hex, 14)) return INVALID;
        long threshold = Long.parseLong(hex, 16) << (4 * (14 - hex.length()));
        return TWO_POW_56 / (TWO_POW_56 - threshold);
      }
    }
    return NONE;
  }

  /** A weight (at least 1) in fixed point. */
  public static long fixed(double weight) {
    if (!(weight >= 1)) throw new IllegalArgumentException("weight < 1: " + weight);
    double scaled = weight * SCALE;
    if (scaled >= 0x1p62) throw new IllegalArgumentException("weight too large: " + weight);
    return Math.round(scaled);
  }

  /** A fixed-point sum as a number. */
  public static double toDouble(long fixed) {
    return (double) fixed / SCALE;
  }

  /** A number written by {@link #toDouble} back in fixed point (exact for sums below 2^37). */
  public static long fromDouble(double value) {
    return Math.round(value * SCALE);
  }
}
