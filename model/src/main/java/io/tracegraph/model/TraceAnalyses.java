package io.tracegraph.model;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The per-trace analyses of a day beyond the dependency links, as one mergeable value held by {@link DaySummary}:
 * each trace is skew-adjusted once ({@link ClockSkewAdjuster}) and the adjusted view is handed to the error-origin,
 * critical-path, quality and exemplar accumulators ({@link Exemplars}: example traces kept whole). With {@link Options#linksOnly()} nothing is computed (the foundation job's
 * cost, for benchmarks and minimal runs).
 */
public final class TraceAnalyses implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * What to compute.
   *
   * @param maxSkew the largest clock-skew shift applied ({@code --max-skew}); zero turns adjustment off
   * @param linksOnly compute none of these analyses ({@code --links-only})
   */
  public record Options(Duration maxSkew, boolean linksOnly) implements Serializable {
    public static final Options DEFAULT = new Options(ClockSkewAdjuster.DEFAULT_MAX_SKEW, false);

    public Options {
      Objects.requireNonNull(maxSkew, "maxSkew == null");
      if (maxSkew.isNegative()) throw new IllegalArgumentException("maxSkew must not be negative: " + maxSkew);
    }
  }

  private final Options options;
  private final ClockSkewAdjuster adjuster;
  private final ErrorOrigins errors = new ErrorOrigins();
  private final CriticalPathStats criticalPaths = new CriticalPathStats();
  private final TraceQuality quality = new TraceQuality();
  private final Exemplars exemplars = new Exemplars();

  public TraceAnalyses(Options options) {
    this.options = Objects.requireNonNull(options, "options == null");
    this.adjuster = new ClockSkewAdjuster(options.maxSkew());
  }

  public Options options() {
    return options;
  }

  /** Analyses one trace of the day. */
  public TraceAnalyses add(long traceHigh, long traceLow, TraceTree tree) {
    return add(traceHigh, traceLow, tree, false);
  }

  /**
   * Analyses one trace of the day; {@code slowestOfAnEdge} says that the traffic summary has just put it among the
   * slowest examples of one of its edges ({@link TrafficSummary#lastTraceSlowestOfAnEdge}), so its tree is kept.
   */
  public TraceAnalyses add(long traceHigh, long traceLow, TraceTree tree, boolean slowestOfAnEdge) {
    if (options.linksOnly()) return this;
    AdjustedTrace t = adjuster.adjust(tree);
    quality.add(t);
    List<ErrorOrigins.Origin> origins = ErrorOrigins.originsOf(t);
    errors.add(traceHigh, traceLow, t, origins);
    criticalPaths.add(traceHigh, traceLow, t);
    exemplars.add(traceHigh, traceLow, t, origins, slowestOfAnEdge);
    return this;
  }

  /** Adds the analyses of other traces of the same day. */
  public TraceAnalyses merge(TraceAnalyses other) {
    if (!options.equals(other.options)) {
      throw new IllegalArgumentException("different options: " + options + ", " + other.options);
    }
    quality.merge(other.quality);
    errors.merge(other.errors);
    criticalPaths.merge(other.criticalPaths);
    exemplars.merge(other.exemplars);
    return this;
  }

  public ErrorOrigins errors() {
    return errors;
  }

  public CriticalPathStats criticalPaths() {
    return criticalPaths;
  }

  public TraceQuality quality() {
    return quality;
  }

  /** The example traces kept so far (the day's selection is {@link DaySummary#exemplars()}). */
  public Exemplars exemplars() {
    return exemplars;
  }
}
