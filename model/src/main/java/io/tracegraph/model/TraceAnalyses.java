package io.tracegraph.model;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The per-trace analyses of a day beyond the dependency links, as one mergeable value held by {@link DaySummary}:
 * each trace is skew-adjusted once ({@link ClockSkewAdjuster}) and the adjusted view is handed to the error-origin,
 * critical-path, call-pattern, quality and exemplar accumulators (the critical path computed once, for the
 * critical-path shares and the time call patterns add; {@link Exemplars}: example traces kept whole). With
 * {@link Options#linksOnly()} nothing is computed (the foundation job's cost, for benchmarks and minimal runs).
 */
public final class TraceAnalyses implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * What to compute.
   *
   * @param maxSkew the largest clock-skew shift applied ({@code --max-skew}); zero turns adjustment off
   * @param linksOnly compute none of these analyses ({@code --links-only})
   * @param nPlusOne sequential calls that make an N+1 loop ({@code --n-plus-one}, {@link CallPatterns})
   */
  public record Options(Duration maxSkew, boolean linksOnly, int nPlusOne, int maxTraceSpans) implements Serializable {
    public static final Options DEFAULT = new Options(ClockSkewAdjuster.DEFAULT_MAX_SKEW, false);
    /**
     * The default largest trace, in usable rows: a trace is held in memory whole while its tree is built, and one of
     * 5,000,000 spans runs through the nightly job in a 2 GB heap (measured; docs/reliability.md), half the default
     * 4 GB driver heap.
     */
    public static final int MAX_TRACE_SPANS_DEFAULT = 5_000_000;

    public Options {
      Objects.requireNonNull(maxSkew, "maxSkew == null");
      if (maxSkew.isNegative()) throw new IllegalArgumentException("maxSkew must not be negative: " + maxSkew);
      if (nPlusOne < 2) throw new IllegalArgumentException("an N+1 needs at least 2 calls, got " + nPlusOne);
      if (maxTraceSpans < 1) throw new IllegalArgumentException("maxTraceSpans must be positive: " + maxTraceSpans);
    }

    /** The options with the default trace size limit. */
    public Options(Duration maxSkew, boolean linksOnly, int nPlusOne) {
      this(maxSkew, linksOnly, nPlusOne, MAX_TRACE_SPANS_DEFAULT);
    }

    /** The options with the default N+1 threshold and trace size limit. */
    public Options(Duration maxSkew, boolean linksOnly) {
      this(maxSkew, linksOnly, CallPatterns.N_PLUS_ONE_DEFAULT);
    }
  }

  private final Options options;
  private final ClockSkewAdjuster adjuster;
  private final ErrorOrigins errors = new ErrorOrigins();
  private final CriticalPathStats criticalPaths = new CriticalPathStats();
  private final TraceQuality quality = new TraceQuality();
  private final Exemplars exemplars = new Exemplars();
  private final CallPatterns patterns;

  public TraceAnalyses(Options options) {
    this.options = Objects.requireNonNull(options, "options == null");
    this.adjuster = new ClockSkewAdjuster(options.maxSkew());
    this.patterns = new CallPatterns(options.nPlusOne());
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
    CriticalPath path = CriticalPath.of(t);
    criticalPaths.add(traceHigh, traceLow, t, path);
    patterns.add(traceHigh, traceLow, t, path);
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
    patterns.merge(other.patterns);
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

  /** N+1 loops, retries and fan-outs, and the time they add to the critical path. */
  public CallPatterns patterns() {
    return patterns;
  }
}
