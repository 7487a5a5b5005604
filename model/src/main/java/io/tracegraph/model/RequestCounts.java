package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;

/**
 * The requests of a group, mergeable: how many (observed, and weighted by sampling in fixed point), how many failed,
 * and how long they took. Services, operations ({@link SpanStats}) and entry points ({@link EntryPointStats}) all
 * count their requests this way.
 */
final class RequestCounts implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private long count;
  private long weighted;
  private long errors;
  private long errorsWeighted;
  private final LatencySketch latency;

  RequestCounts() {
    this(new LatencySketch());
  }

  private RequestCounts(LatencySketch latency) {
    this.latency = latency;
  }

  /** Counts one request of the given duration and sampling weight. */
  void add(long durationNanos, long weight, boolean error) {
    count++;
    weighted += weight;
    latency.add(durationNanos);
    if (error) {
      errors++;
      errorsWeighted += weight;
    }
  }

  void merge(RequestCounts o) {
    count += o.count;
    weighted += o.weighted;
    errors += o.errors;
    errorsWeighted += o.errorsWeighted;
    latency.merge(o.latency);
  }

  /** Requests as stored in a table row (for rollups). */
  static RequestCounts restore(long count, long weighted, long errors, long errorsWeighted, LatencySketch latency) {
    RequestCounts r = new RequestCounts(latency);
    r.count = count;
    r.weighted = weighted;
    r.errors = errors;
    r.errorsWeighted = errorsWeighted;
    return r;
  }

  long count() {
    return count;
  }

  long weighted() {
    return weighted;
  }

  long errors() {
    return errors;
  }

  long errorsWeighted() {
    return errorsWeighted;
  }

  LatencySketch latency() {
    return latency;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestCounts r && count == r.count && weighted == r.weighted && errors == r.errors
        && errorsWeighted == r.errorsWeighted && latency.equals(r.latency);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Long.hashCode(errors);
  }
}
