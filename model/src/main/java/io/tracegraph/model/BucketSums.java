package io.tracegraph.model;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Sums per {@link LatencyBuckets} bucket, for the few buckets a group actually uses: sorted bucket numbers and
 * {@code columns} sums beside each. Two primitive arrays, so a partition's summary stays small on the wire.
 */
final class BucketSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int columns;
  private int[] buckets = new int[4];
  private long[] sums;
  private int size;

  BucketSums(int columns) {
    this.columns = columns;
    this.sums = new long[4 * columns];
  }

  /** Adds {@code value} to column {@code column} of bucket {@code bucket}. */
  void add(int bucket, int column, long value) {
    int at = slot(bucket); // before reading the field: slot() may grow the array
    sums[at * columns + column] += value;
  }

  void merge(BucketSums other) {
    for (int i = 0; i < other.size; i++) {
      int at = slot(other.buckets[i]);
      for (int c = 0; c < columns; c++) sums[at * columns + c] += other.sums[i * columns + c];
    }
  }

  int size() {
    return size;
  }

  /** The {@code i}-th bucket number, ascending. */
  int bucket(int i) {
    return buckets[i];
  }

  long sum(int i, int column) {
    return sums[i * columns + column];
  }

  private int slot(int bucket) {
    int at = Arrays.binarySearch(buckets, 0, size, bucket);
    if (at >= 0) return at;
    at = -at - 1;
    if (size == buckets.length) {
      buckets = Arrays.copyOf(buckets, size * 2);
      sums = Arrays.copyOf(sums, size * 2 * columns);
    }
    System.arraycopy(buckets, at, buckets, at + 1, size - at);
    System.arraycopy(sums, at * columns, sums, (at + 1) * columns, (size - at) * columns);
    buckets[at] = bucket;
    Arrays.fill(sums, at * columns, (at + 1) * columns, 0L);
    size++;
    return at;
  }
}
