package io.tracegraph.reports.graph;

import java.util.List;

/** A count for each UTC hour of a day, hour 0 first. */
public record HourlyCounts(List<Long> counts) {
  public static final int HOURS = 24;

  public HourlyCounts {
    counts = List.copyOf(counts);
    if (counts.size() != HOURS) throw new IllegalArgumentException("need 24 hourly counts, got " + counts.size());
    for (long c : counts) if (c < 0) throw new IllegalArgumentException("negative hourly count: " + counts);
  }

  public long total() {
    return counts.stream().mapToLong(Long::longValue).sum();
  }

  public long max() {
    return counts.stream().mapToLong(Long::longValue).max().orElse(0);
  }
}
