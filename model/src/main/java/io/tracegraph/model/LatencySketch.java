package io.tracegraph.model;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.mapping.IndexMapping;
import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A mergeable distribution of durations in nanoseconds (negative values allowed: clock skew makes some gaps
 * negative). Count, sum, minimum and maximum are exact. Quantiles ({@link Quantiles#rank}) are exact while the
 * distribution holds at most {@link #EXACT_LIMIT} values, and beyond that come from a DDSketch with a logarithmic
 * index mapping: every reported quantile is within {@link #RELATIVE_ACCURACY} (1%) of the exact value, whatever the
 * distribution's tail.
 *
 * <p>The state is a function of the multiset of values added, not of their order or of how they were split and
 * merged: merging two days' sketches gives exactly the sketch of both days' values. {@link #toBytes()} is the stored
 * form (the {@code *_sketch} columns), canonical: equal sketches give equal bytes.
 *
 * <p>Why DDSketch (com.datadoghq:sketches-java): its guarantee is relative to each value (1% of 10 µs and 1% of
 * 10 s alike), merges are exact bucket additions, it needs no range configured up front (HdrHistogram needs a
 * highest trackable value and rejects larger ones), and its encoding is compact and shared with the Go and Python
 * implementations.
 */
public final class LatencySketch implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** Relative accuracy of every quantile once the distribution is sketched. */
  public static final double RELATIVE_ACCURACY = 0.01;
  /** Up to this many values are kept as they are, and quantiles are exact. */
  public static final int EXACT_LIMIT = 64;

  private static final IndexMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);
  private static final byte FORMAT_VERSION = 1;
  /**
   * The bucket arrays grow in steps of this many buckets, and keep this much spare room around the values' range: a
   * new extreme then rarely forces a copy of the array (the library's default, 64 and 6, re-centred the array on most
   * new extremes: 7% of the nightly's CPU samples at 1M spans). Only the in-memory arrays change, never the encoding.
   */
  private static final int STORE_GROWTH = 128;
  private static final int STORE_SPARE = 64;

  private long count;
  private long sum;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  /** The values while {@code count <= EXACT_LIMIT} (first {@code count} entries, unordered); null once sketched. */
  private transient long[] exact = new long[4];
  /** The sketch of all values once {@code count > EXACT_LIMIT}; null before. */
  private transient DDSketch sketch;

  /** Adds one value, in nanoseconds. */
  public LatencySketch add(long nanos) {
    count++;
    sum = Math.addExact(sum, nanos);
    if (nanos < min) min = nanos;
    if (nanos > max) max = nanos;
    if (sketch != null) {
      sketch.accept(nanos);
    } else if (count <= EXACT_LIMIT) {
      if (count > exact.length) exact = Arrays.copyOf(exact, Math.min(EXACT_LIMIT, exact.length * 2));
      exact[(int) count - 1] = nanos;
    } else {
      toSketch((int) count - 1);
      sketch.accept(nanos);
    }
    return this;
  }

  /** Adds the values of another sketch into this one. */
  public LatencySketch merge(LatencySketch other) {
    if (other.count == 0) return this;
    long total = count + other.count;
    if (sketch == null && total <= EXACT_LIMIT) {
      if (total > exact.length) exact = Arrays.copyOf(exact, EXACT_LIMIT);
      System.arraycopy(other.exact, 0, exact, (int) count, (int) other.count);
    } else {
      if (sketch == null) toSketch((int) count);
      if (other.sketch != null) {
        sketch.mergeWith(other.sketch);
      } else {
        for (int i = 0; i < other.count; i++) sketch.accept(other.exact[i]);
      }
    }
    count = total;
    sum = Math.addExact(sum, other.sum);
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    return this;
  }

  private static UnboundedSizeDenseStore newStore() {
    return new UnboundedSizeDenseStore(STORE_GROWTH, STORE_SPARE);
  }

  /** Switches to the sketch, adding the {@code stored} exact values to it. */
  private void toSketch(int stored) {
    sketch = new DDSketch(MAPPING, LatencySketch::newStore);
    for (int i = 0; i < stored; i++) sketch.accept(exact[i]);
    exact = null;
  }

  public long count() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** Exact sum of the values, nanoseconds. */
  public long sumNanos() {
    return sum;
  }

  /** Exact minimum, nanoseconds; undefined when empty. */
  public long minNanos() {
    requireValues();
    return min;
  }

  /** Exact maximum, nanoseconds; undefined when empty. */
  public long maxNanos() {
    requireValues();
    return max;
  }

  public double meanNanos() {
    requireValues();
    return (double) sum / count;
  }

  /**
   * The {@code q}-quantile in nanoseconds as {@link Quantiles} defines it: exact up to {@link #EXACT_LIMIT} values,
   * else DDSketch's estimate (within 1%), kept inside the exact minimum and maximum.
   */
  public double quantileNanos(double q) {
    requireValues();
    long rank = Quantiles.rank(q, count);
    if (sketch == null) {
      long[] sorted = Arrays.copyOf(exact, (int) count);
      Arrays.sort(sorted);
      return sorted[(int) rank];
    }
    double estimate = sketch.getValueAtQuantile(q);
    return Math.max(min, Math.min(max, estimate));
  }

  private void requireValues() {
    if (count == 0) throw new IllegalStateException("empty sketch");
  }

  /**
   * The stored form: version byte, count, sum, min, max (big-endian longs), then either the sorted values or
   * DDSketch's own encoding (with its index mapping). Equal distributions give equal bytes.
   */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_VERSION);
      out.writeLong(count);
      out.writeLong(sum);
      out.writeLong(min);
      out.writeLong(max);
      if (sketch == null) {
        long[] sorted = Arrays.copyOf(exact, (int) count);
        Arrays.sort(sorted);
        for (long v : sorted) out.writeLong(v);
      } else {
        GrowingByteArrayOutput encoded = GrowingByteArrayOutput.withDefaultInitialCapacity();
        sketch.encode(encoded, false);
        out.write(encoded.backingArray(), 0, encoded.numWrittenBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads {@link #toBytes()}; a malformed or foreign value is an {@link IllegalArgumentException}. */
  public static LatencySketch fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length < 33) throw new IllegalArgumentException("not a latency sketch: too short");
    LatencySketch s = new LatencySketch();
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != FORMAT_VERSION) throw new IllegalArgumentException("unknown latency sketch version " + version);
      s.count = in.readLong();
      s.sum = in.readLong();
      s.min = in.readLong();
      s.max = in.readLong();
      if (s.count < 0) throw new IllegalArgumentException("negative count in latency sketch");
      if (s.count <= EXACT_LIMIT) {
        if (bytes.length != 33 + 8 * s.count) throw new IllegalArgumentException("latency sketch of wrong length");
        s.exact = new long[Math.max(4, (int) s.count)];
        for (int i = 0; i < s.count; i++) s.exact[i] = in.readLong();
      } else {
        DDSketch decoded = DDSketch.decode(ByteArrayInput.wrap(bytes, 33, bytes.length - 33),
            LatencySketch::newStore);
        if (!MAPPING.equals(decoded.getIndexMapping())) {
          throw new IllegalArgumentException("latency sketch with a different index mapping (accuracy)");
        }
        if (Math.round(decoded.getCount()) != s.count) {
          throw new IllegalArgumentException("latency sketch count " + s.count + " != bucket total " + decoded.getCount());
        }
        s.exact = null;
        s.sketch = decoded;
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed latency sketch: " + e.getMessage(), e);
    }
    return s;
  }

  @Serial
  private void writeObject(ObjectOutputStream out) throws IOException {
    byte[] bytes = toBytes();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  @Serial
  private void readObject(ObjectInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    LatencySketch s = fromBytes(bytes);
    count = s.count;
    sum = s.sum;
    min = s.min;
    max = s.max;
    exact = s.exact;
    sketch = s.sketch;
  }

  /** Equal when they hold the same distribution (same stored form). */
  @Override
  public boolean equals(Object o) {
    return o instanceof LatencySketch other && count == other.count && sum == other.sum
        && Arrays.equals(toBytes(), other.toBytes());
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count) * 31 + Long.hashCode(sum);
  }

  @Override
  public String toString() {
    return count == 0 ? "LatencySketch(empty)"
        : "LatencySketch(count=" + count + ", min=" + min + ", p50=" + quantileNanos(0.5) + ", max=" + max + ")";
  }
}
