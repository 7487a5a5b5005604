package io.tracegraph.model;

/**
 * Log-linear buckets of durations (nanoseconds), as in HDR histograms: values below 8 have a bucket each; above,
 * each power of two is split into 8 equal buckets, so a bucket is at most 12.5% wide relative to its lower bound.
 * Integer arithmetic only, so the bucket of a value is the same on every JVM.
 */
public final class LatencyBuckets {
  private static final int SUB_BUCKET_BITS = 3;
  private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

  private LatencyBuckets() {}

  /** The bucket of a duration; negative durations (never produced by the model) count as 0. */
  public static int bucketOf(long nanos) {
    if (nanos < SUB_BUCKETS) return (int) Math.max(0, nanos);
    int msb = 63 - Long.numberOfLeadingZeros(nanos);
    int sub = (int) (nanos >>> (msb - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1);
    return SUB_BUCKETS * (msb - SUB_BUCKET_BITS + 1) + sub;
  }

  /** The smallest duration in bucket {@code b}. */
  public static long lowerBound(int b) {
    if (b < SUB_BUCKETS) return b;
    int msb = b / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
    int sub = b % SUB_BUCKETS;
    return (long) (SUB_BUCKETS + sub) << (msb - SUB_BUCKET_BITS);
  }

  /** The number of distinct durations in bucket {@code b}. */
  public static long width(int b) {
    if (b < SUB_BUCKETS) return 1;
    int msb = b / SUB_BUCKETS + SUB_BUCKET_BITS - 1;
    return 1L << (msb - SUB_BUCKET_BITS);
  }
}
