package io.tracegraph.reports.traffic;

import io.tracegraph.model.LatencySketch;
import io.tracegraph.reports.diff.LatencySamples;
import java.util.List;
import java.util.Map;

/**
 * Call durations of each link drawn deterministically from its latency sketch, for the Mann-Whitney test of the
 * day-over-day diff: the values at evenly spaced ranks. A link with at most {@link #MAX_SAMPLES} calls gives one value
 * per call (the values themselves up to {@link LatencySketch#EXACT_LIMIT} calls, within the sketch's 1% above); a
 * busier link gives {@link #MAX_SAMPLES} quantiles at ranks (i + ½) / n. The cap keeps the test's cost fixed and stops
 * millions of calls from making every small shift "significant"; materiality is judged on the medians anyway.
 */
public final class SketchSamples implements LatencySamples {
  public static final int MAX_SAMPLES = 2_000;

  private final Map<List<String>, LatencySketch> sketches;

  public SketchSamples(Map<List<String>, LatencySketch> sketches) {
    this.sketches = Map.copyOf(sketches);
  }

  @Override
  public long[] micros(String parent, String child) {
    LatencySketch s = sketches.get(List.of(parent, child));
    return s == null || s.isEmpty() ? null : sample(s);
  }

  /** The sample of one sketch, in microseconds, ascending. */
  static long[] sample(LatencySketch s) {
    long count = s.count();
    int n = (int) Math.min(count, MAX_SAMPLES);
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      // Up to the cap: the rank of each call (rank = q × (count − 1), half a rank up against rounding down).
      double q = n == 1 ? 0.5 : count <= MAX_SAMPLES ? Math.min(1, (i + 0.5) / (count - 1)) : (i + 0.5) / n;
      values[i] = Math.round(s.quantileNanos(q) / 1000.0);
    }
    return values;
  }
}
