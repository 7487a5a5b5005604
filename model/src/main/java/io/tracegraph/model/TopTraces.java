package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link #LIMIT} example traces with the largest value (the slowest call, the latest error), each trace at most
 * once with its largest value; ties go to the smaller trace id. The result depends only on the (trace, value) pairs
 * added, not on their order or on how they were split and merged, so daily examples roll up exactly.
 */
public final class TopTraces implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  /** Examples kept per list. */
  public static final int LIMIT = 3;

  /** One example: a trace id (two halves of 64 bits) and its value. */
  public record Example(long traceHigh, long traceLow, long value) implements Serializable {
    public String traceIdHex() {
      return HexIds.toHex(traceHigh, traceLow);
    }

    /** True when this example ranks before {@code other}: larger value, then smaller trace id. */
    boolean before(Example other) {
      if (value != other.value) return value > other.value;
      int high = Long.compareUnsigned(traceHigh, other.traceHigh);
      return high != 0 ? high < 0 : Long.compareUnsigned(traceLow, other.traceLow) < 0;
    }

    boolean sameTrace(long high, long low) {
      return traceHigh == high && traceLow == low;
    }
  }

  private final List<Example> examples = new ArrayList<>(LIMIT + 1); // ranked, best first

  /** Offers one value of a trace. */
  public TopTraces add(long traceHigh, long traceLow, long value) {
    int n = examples.size();
    if (n == LIMIT && value < examples.get(n - 1).value()) return this; // the common case: no allocation
    for (int i = 0; i < n; i++) {
      Example e = examples.get(i);
      if (e.sameTrace(traceHigh, traceLow)) {
        if (value <= e.value()) return this;
        examples.remove(i);
        break;
      }
    }
    Example candidate = new Example(traceHigh, traceLow, value);
    int at = 0;
    while (at < examples.size() && examples.get(at).before(candidate)) at++;
    if (at >= LIMIT) return this;
    examples.add(at, candidate);
    if (examples.size() > LIMIT) examples.remove(LIMIT);
    return this;
  }

  public TopTraces merge(TopTraces other) {
    for (Example e : other.examples) add(e.traceHigh(), e.traceLow(), e.value());
    return this;
  }

  /** True when the examples hold trace {@code (traceHigh, traceLow)}. */
  public boolean holds(long traceHigh, long traceLow) {
    for (Example e : examples) if (e.sameTrace(traceHigh, traceLow)) return true;
    return false;
  }

  /** The examples, best first. */
  public List<Example> examples() {
    return List.copyOf(examples);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopTraces other && examples.equals(other.examples);
  }

  @Override
  public int hashCode() {
    return examples.hashCode();
  }

  @Override
  public String toString() {
    return "TopTraces" + examples;
  }
}
