package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The latency sketch: exact where it can be, within 1% everywhere else, and mergeable without loss, because percentiles
 * of weeks and quarters are built from days' sketches and never averaged.
 */
class LatencySketchTest {

  /** The quantile definition, on the example the style notes use: p90 of 1..10 is 9 (R-1/lower), not 9.1 or 9.9. */
  @Test
  void quantilesAreTheLowerRankOfTheSortedValues() {
    LatencySketch s = new LatencySketch();
    for (long v = 10; v >= 1; v--) s.add(v);
    assertEquals(9, s.quantileNanos(0.9));
    assertEquals(5, s.quantileNanos(0.5), "rank floor(0.5 * 9) = 4, the fifth value");
    assertEquals(1, s.quantileNanos(0));
    assertEquals(10, s.quantileNanos(1));
    assertEquals(8, Quantiles.rank(0.9, 10));
    assertEquals(0, Quantiles.rank(0.99, 2), "p99 of two values is the smaller one");
    LatencySketch two = new LatencySketch().add(20).add(10);
    assertEquals(10, two.quantileNanos(0.5));
    assertEquals(10, two.quantileNanos(0.99));
  }

  /** Small groups (most operations of a quiet service) get exact percentiles, count, sum, min and max. */
  @Test
  void upToTheExactLimitEverythingIsExact() {
    LatencySketch s = new LatencySketch();
    long[] values = new long[LatencySketch.EXACT_LIMIT];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < values.length; i++) {
      values[i] = 1 + random.nextLong(1_000_000_000L);
      s.add(values[i]);
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    for (double q : Quantiles.REPORTED) assertEquals(sorted[(int) Math.floor(q * 63)], s.quantileNanos(q), "q=" + q);
    assertEquals(sorted[0], s.minNanos());
    assertEquals(sorted[63], s.maxNanos());
    assertEquals(Arrays.stream(values).sum(), s.sumNanos());
    assertEquals(64, s.count());
  }

  /**
   * The accuracy promise, on a million samples of heavy-tailed latencies: every reported percentile (and p0.1 to p100
   * in between) is within 1% of the exact value of the same rank.
   */
  @Test
  void everyPercentileOfAMillionHeavyTailedSamplesIsWithinOnePercent() {
    SplittableRandom random = new SplittableRandom(42);
    List<LongSupplier> distributions = List.of(
        // Pareto with shape 1.1: a few calls thousands of times slower than the median (from 100 us).
        () -> (long) (100_000 / Math.pow(1 - random.nextDouble(), 1 / 1.1)),
        // Lognormal, median 20 ms, sigma 1.5.
        () -> (long) (20_000_000 * Math.exp(1.5 * gaussian(random))),
        // A bimodal mix: cache hits around 200 us, misses around 300 ms with a long tail.
        () -> random.nextDouble() < 0.9 ? 150_000 + random.nextLong(100_000)
            : (long) (300_000_000 * Math.exp(0.8 * gaussian(random))));
    double[] checked = {0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 0.9999, 1};
    for (int d = 0; d < distributions.size(); d++) {
      int n = 1_000_000;
      long[] values = new long[n];
      LatencySketch whole = new LatencySketch();
      List<LatencySketch> parts = new ArrayList<>();
      for (int p = 0; p < 7; p++) parts.add(new LatencySketch());
      for (int i = 0; i < n; i++) {
        values[i] = distributions.get(d).getAsLong();
        whole.add(values[i]);
        parts.get(i % 7).add(values[i]);
      }
      Arrays.sort(values);
      LatencySketch merged = new LatencySketch();
      parts.forEach(merged::merge);
      for (double q : concat(checked, Quantiles.REPORTED)) {
        double exact = values[(int) Quantiles.rank(q, n)];
        double estimate = whole.quantileNanos(q);
        assertTrue(Math.abs(estimate - exact) <= 0.01 * exact,
            "distribution " + d + " q=" + q + ": exact " + exact + ", sketch " + estimate);
        assertEquals(estimate, merged.quantileNanos(q), "merged parts answer like the whole");
      }
      assertEquals(values[0], whole.minNanos());
      assertEquals(values[n - 1], whole.maxNanos());
      assertEquals(Arrays.stream(values).sum(), whole.sumNanos());
    }
  }

  /** Merging two days' sketches equals sketching both days' values together, byte for byte, in any order. */
  @Test
  void mergingEqualsSketchingTogether() {
    SplittableRandom random = new SplittableRandom(5);
    for (int round = 0; round < 30; round++) {
      int n = random.nextInt(400); // crosses the exact limit in some rounds, not in others
      List<Long> values = new ArrayList<>();
      for (int i = 0; i < n; i++) values.add((long) (1000 * Math.exp(3 * random.nextDouble())) - 500); // some < 0
      LatencySketch together = new LatencySketch();
      values.forEach(together::add);
      Collections.shuffle(values, new java.util.Random(round));
      int cut = n == 0 ? 0 : random.nextInt(n + 1);
      LatencySketch day1 = new LatencySketch();
      LatencySketch day2 = new LatencySketch();
      values.subList(0, cut).forEach(day1::add);
      values.subList(cut, n).forEach(day2::add);
      LatencySketch merged12 = copy(day1).merge(day2);
      LatencySketch merged21 = copy(day2).merge(day1);
      assertArrayEquals(together.toBytes(), merged12.toBytes(), "round " + round);
      assertArrayEquals(together.toBytes(), merged21.toBytes(), "round " + round);
      assertEquals(together, merged12);
    }
  }

  /** The stored form and Java serialization (Spark ships summaries so) keep the whole state. */
  @Test
  void bytesAndJavaSerializationRoundTrip() throws Exception {
    for (int n : new int[] {0, 1, 64, 65, 5000}) {
      LatencySketch s = new LatencySketch();
      for (int i = 0; i < n; i++) s.add(i * 997L % 100_003 - 7); // includes negative values and a zero
      LatencySketch back = LatencySketch.fromBytes(s.toBytes());
      assertEquals(s, back);
      assertArrayEquals(s.toBytes(), back.toBytes());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(s);
      }
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        LatencySketch read = (LatencySketch) in.readObject();
        assertEquals(s, read);
        if (n > 0) assertEquals(s.quantileNanos(0.99), read.quantileNanos(0.99));
        read.add(1); // still usable after deserialization
        assertEquals(n + 1, read.count());
      }
    }
  }

  /** Gaps can be negative (clock skew) or zero; the sketch keeps their sign and order. */
  @Test
  void negativeAndZeroValues() {
    LatencySketch s = new LatencySketch();
    for (int i = 0; i < 100; i++) s.add(-1_000_000);
    for (int i = 0; i < 100; i++) s.add(0);
    for (int i = 0; i < 100; i++) s.add(5_000_000);
    assertEquals(-1_000_000, s.quantileNanos(0.1), 10_000);
    assertEquals(0, s.quantileNanos(0.5));
    assertEquals(5_000_000, s.quantileNanos(0.9), 50_000);
    assertEquals(-1_000_000, s.minNanos());
  }

  @Test
  void malformedBytesAreRejectedWithAReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LatencySketch.fromBytes(new byte[] {1, 2, 3}));
    assertTrue(e.getMessage().contains("latency sketch"), e.getMessage());
    byte[] bytes = new LatencySketch().add(5).toBytes();
    bytes[0] = 9;
    assertThrows(IllegalArgumentException.class, () -> LatencySketch.fromBytes(bytes));
    assertThrows(IllegalStateException.class, () -> new LatencySketch().quantileNanos(0.5));
  }

  private static LatencySketch copy(LatencySketch s) {
    return LatencySketch.fromBytes(s.toBytes());
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double[] concat(double[] a, double[] b) {
    double[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
