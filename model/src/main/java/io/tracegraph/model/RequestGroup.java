package io.tracegraph.model;

/**
 * A group whose requests are counted with {@link RequestCounts} and timed with a {@link LatencySketch}: a service
 * or an operation ({@link SpanStats}), an entry point ({@link EntryPointStats}). What a request is depends on the
 * group (see each); the getters the tables read are defined here once.
 */
public sealed interface RequestGroup permits SpanStats, EntryPointStats {
  /** The group's requests and failed requests, observed and estimated. */
  RequestCounts requestCounts();

  /** Durations of the requests. */
  LatencySketch latency();

  /** Observed requests. */
  default long requests() {
    return requestCounts().count();
  }

  /** Estimated requests (sum of sampling weights), fixed point ({@link SamplingWeight#toDouble}). */
  default long requestsWeighted() {
    return requestCounts().weighted();
  }

  /** Failed requests. */
  default long errors() {
    return requestCounts().errors();
  }

  /** Estimated failed requests, fixed point. */
  default long errorsWeighted() {
    return requestCounts().errorsWeighted();
  }
}
