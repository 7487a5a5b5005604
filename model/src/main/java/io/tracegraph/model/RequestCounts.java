package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;

/**
 * How many requests (or calls) a group had and how many failed, each observed and weighted by sampling (fixed point,
 * {@link SamplingWeight}), mergeable. The one counter of edges ({@link EdgeStats}: calls over the edge), services and
 * operations ({@link SpanStats}) and entry points ({@link EntryPointStats}): their requests.
 */
public final class RequestCounts implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private long count;
  private long weighted;
  private long errors;
  private long errorsWeighted;

  RequestCounts() {}

  /** Counts one request of the given sampling weight (fixed point). */
  void add(long weight, boolean error) {
    count++;
    weighted += weight;
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
  }

  /** Counts as stored in a table row (for rollups). */
  static RequestCounts restore(long count, long weighted, long errors, long errorsWeighted) {
    RequestCounts r = new RequestCounts();
    r.count = count;
    r.weighted = weighted;
    r.errors = errors;
    r.errorsWeighted = errorsWeighted;
    return r;
  }

  /** Observed requests. */
  public long count() {
    return count;
  }

  /** Estimated requests (sum of sampling weights), fixed point ({@link SamplingWeight#toDouble}). */
  public long weighted() {
    return weighted;
  }

  /** Observed failed requests. */
  public long errors() {
    return errors;
  }

  /** Estimated failed requests, fixed point. */
  public long errorsWeighted() {
    return errorsWeighted;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestCounts r && count == r.count && weighted == r.weighted && errors == r.errors
        && errorsWeighted == r.errorsWeighted;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Long.hashCode(errors);
  }

  @Override
  public String toString() {
    return "RequestCounts(count=" + count + ", errors=" + errors + ")";
  }
}
