package io.tracegraph.reports.diff;

/**
 * The extension point for latency regressions: call durations of an edge on one day, in microseconds (all of them or
 * a uniform sample). The latency tables are built on another branch; until a day's output carries such samples,
 * {@link #NONE} answers {@code null} for every edge and the diff says that latency was not compared.
 */
@FunctionalInterface
public interface LatencySamples {
  LatencySamples NONE = (parent, child) -> null;

  /** Durations of the calls parent → child in microseconds, or {@code null} when the day has none. */
  long[] micros(String parent, String child);
}
