package io.tracegraph.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A few example trace ids of a group, mergeable: the {@code k} smallest ids seen (unsigned, high then low 64 bits).
 * Any fixed rule would do; "smallest" keeps the choice independent of the order traces arrive and of how they are
 * split into partitions, and trace ids are random, so the examples are an unbiased sample.
 */
public final class ExampleTraces implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Example trace ids kept per group. */
  public static final int DEFAULT_LIMIT = 5;

  private final int limit;
  private final long[] ids; // pairs high, low, ascending, distinct
  private int size;

  public ExampleTraces(int limit) {
    if (limit < 1) throw new IllegalArgumentException("limit must be positive: " + limit);
    this.limit = limit;
    this.ids = new long[2 * limit];
  }

  public ExampleTraces() {
    this(DEFAULT_LIMIT);
  }

  /** Offers one trace id. */
  public void add(long high, long low) {
    int at = 0;
    while (at < size && compare(ids[2 * at], ids[2 * at + 1], high, low) < 0) at++;
    if (at < size && ids[2 * at] == high && ids[2 * at + 1] == low) return; // already kept
    if (at >= limit) return; // larger than every kept id, and the list is full
    int last = Math.min(size, limit - 1); // the element that falls off when full
    System.arraycopy(ids, 2 * at, ids, 2 * at + 2, 2 * (last - at));
    ids[2 * at] = high;
    ids[2 * at + 1] = low;
    size = Math.min(size + 1, limit);
  }

  /** Adds another group's examples into this one. */
  public void merge(ExampleTraces other) {
    for (int i = 0; i < other.size; i++) add(other.ids[2 * i], other.ids[2 * i + 1]);
  }

  /** The kept ids as 32 lower-case hex digits, smallest first. */
  public List<String> hexIds() {
    List<String> hex = new ArrayList<>(size);
    for (int i = 0; i < size; i++) hex.add(HexIds.toHex(ids[2 * i], ids[2 * i + 1]));
    return hex;
  }

  static int compare(long highA, long lowA, long highB, long lowB) {
    int byHigh = Long.compareUnsigned(highA, highB);
    return byHigh != 0 ? byHigh : Long.compareUnsigned(lowA, lowB);
  }
}
