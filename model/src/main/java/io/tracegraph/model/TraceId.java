package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.Comparator;

/**
 * A trace id as a value: its two 64-bit halves ({@link HexIds}), ordered unsigned, high half first, so "the smaller
 * trace id" means the same everywhere (the tie-break of every example and exemplar).
 *
 * @param high the high 64 bits (0 for a 64-bit id)
 * @param low the low 64 bits
 */
public record TraceId(long high, long low) implements Serializable, Comparable<TraceId> {
  @Serial private static final long serialVersionUID = 1L;

  /** Unsigned order, high then low. */
  public static final Comparator<TraceId> ORDER = TraceId::compareTo;

  /** The id of 1..32 hex digits in any letter case; IllegalArgumentException for anything else or zero. */
  public static TraceId parse(String hex) {
    if (!HexIds.isHex(hex, 32)) throw new IllegalArgumentException("not a trace id (1 to 32 hex digits): '" + hex + "'");
    TraceId id = new TraceId(HexIds.traceHigh(hex), HexIds.traceLow(hex));
    if (id.high == 0 && id.low == 0) throw new IllegalArgumentException("the all-zero trace id is not an id");
    return id;
  }

  /** 32 lower-case hex digits. */
  public String hex() {
    return HexIds.toHex(high, low);
  }

  /**
   * A 64-bit hash that spreads every bit of the id (SplitMix64's finaliser over both halves): the same on every JVM,
   * so a sample "the traces of smallest hash" is a uniform, order- and partition-independent choice even when ids are
   * not random (sequential test ids, 64-bit ids padded with zeros).
   */
  public long stableHash() {
    return stableHash(high, low);
  }

  /** {@link #stableHash()} of the id {@code (high, low)}, without making one. */
  public static long stableHash(long high, long low) {
    return mix(mix(high) ^ low);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public int compareTo(TraceId o) {
    int byHigh = Long.compareUnsigned(high, o.high);
    return byHigh != 0 ? byHigh : Long.compareUnsigned(low, o.low);
  }

  @Override
  public String toString() {
    return hex();
  }
}
