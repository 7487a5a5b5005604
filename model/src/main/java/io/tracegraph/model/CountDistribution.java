package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An exact, mergeable distribution of non-negative whole numbers, kept as "how many times each value occurred":
 * the number of calls one trace makes over an edge. Small values (the usual 1 to a few dozen) are counted in an
 * array; larger ones in a sorted map, so one trace hitting an edge a million times costs one map entry.
 */
public final class CountDistribution implements Serializable {
  @Serial private static final long serialVersionUID = 1L;
  private static final int DENSE = 256;

  /** One value and how many times it occurred. */
  public record Entry(long value, long times) {}

  private long[] dense = new long[8];
  private final TreeMap<Long, Long> sparse = new TreeMap<>();
  private long count;
  private long sum;

  /** Records {@code value} once. */
  public CountDistribution add(long value) {
    return add(value, 1);
  }

  /** Records {@code value} {@code times} times. */
  public CountDistribution add(long value, long times) {
    if (value < 0 || times < 0) throw new IllegalArgumentException("value " + value + " x " + times);
    if (times == 0) return this;
    if (value < DENSE) {
      if (value >= dense.length) dense = Arrays.copyOf(dense, (int) Math.min(DENSE, Math.max(value + 1, dense.length * 2L)));
      dense[(int) value] += times;
    } else {
      sparse.merge(value, times, Long::sum);
    }
    count += times;
    sum = Math.addExact(sum, Math.multiplyExact(value, times));
    return this;
  }

  public CountDistribution merge(CountDistribution other) {
    for (Entry e : other.entries()) add(e.value(), e.times());
    return this;
  }

  /** How many values were recorded. */
  public long count() {
    return count;
  }

  public long sum() {
    return sum;
  }

  /** Mean value; NaN when empty. */
  public double mean() {
    return count == 0 ? Double.NaN : (double) sum / count;
  }

  /** The largest value; -1 when empty. */
  public long max() {
    if (!sparse.isEmpty()) return sparse.lastKey();
    for (int v = dense.length - 1; v >= 0; v--) if (dense[v] != 0) return v;
    return -1;
  }

  /** The exact {@code q}-quantile ({@link Quantiles#rank}); -1 when empty. */
  public long quantile(double q) {
    if (count == 0) return -1;
    long rank = Quantiles.rank(q, count);
    long seen = 0;
    for (Entry e : entries()) {
      seen += e.times();
      if (seen > rank) return e.value();
    }
    throw new IllegalStateException("counts do not add up");
  }

  /** Every value that occurred, ascending, with its count. */
  public List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (int v = 0; v < dense.length; v++) if (dense[v] != 0) entries.add(new Entry(v, dense[v]));
    for (Map.Entry<Long, Long> e : sparse.entrySet()) entries.add(new Entry(e.getKey(), e.getValue()));
    return entries;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CountDistribution other && count == other.count && entries().equals(other.entries());
  }

  @Override
  public int hashCode() {
    return entries().hashCode();
  }

  @Override
  public String toString() {
    return "CountDistribution" + entries();
  }
}
