package io.tracegraph.model;

import java.io.Serializable;

/**
 * The denominators of a day or range: traces and spans, observed and estimated (fixed point,
 * {@link SamplingWeight}), and how many spans carried a sampling weight of their own.
 */
public record TrafficTotals(long traces, long tracesWeighted, long spans, long spansWeighted,
                            long spansWithSamplingWeight) implements Serializable {
  public static final TrafficTotals ZERO = new TrafficTotals(0, 0, 0, 0, 0);

  public TrafficTotals plus(TrafficTotals o) {
    return new TrafficTotals(traces + o.traces, tracesWeighted + o.tracesWeighted, spans + o.spans,
        spansWeighted + o.spansWeighted, spansWithSamplingWeight + o.spansWithSamplingWeight);
  }
}
