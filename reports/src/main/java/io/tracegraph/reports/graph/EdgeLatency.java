package io.tracegraph.reports.graph;

/**
 * Latency percentiles of the calls on one edge, in microseconds (how the latency job defines and computes them is
 * its own contract; here they are only shown and compared).
 */
public record EdgeLatency(long p50Micros, long p99Micros) {
  public EdgeLatency {
    if (p50Micros < 0 || p99Micros < p50Micros) {
      throw new IllegalArgumentException("latency: p50=" + p50Micros + "us p99=" + p99Micros + "us");
    }
  }
}
