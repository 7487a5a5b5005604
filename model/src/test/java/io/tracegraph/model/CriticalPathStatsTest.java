package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Critical-path sums per entry point and operation: exact totals and overall shares, histogram-approximated shares
 * among the fastest traces against a brute-force sort, worst traces, and merging.
 */
class CriticalPathStatsTest {
  private static final CriticalPathStats.Operation CHECKOUT = new CriticalPathStats.Operation("frontend",
      "POST /checkout");
  private static final CriticalPathStats.Operation CHARGE = new CriticalPathStats.Operation("payment", "charge");
  private static final CriticalPathStats.Operation HOME = new CriticalPathStats.Operation("frontend", "GET /");

  /** One request: a root of {@code durationMicros} whose only child, a payment call, takes {@code paymentMicros}. */
  private record Request(CriticalPathStats.Operation entry, long durationMicros, long paymentMicros, long id) {
    AdjustedTrace trace() {
      long start = TestTraces.TEN_AM_NANOS + id * 1_000_000_000L;
      long gap = (durationMicros - paymentMicros) / 2;
      Span root = new Span(2 * id + 1, 0, entry.service(), entry.name(), SERVER, start,
          start + durationMicros * 1000, false, null);
      Span call = new Span(2 * id + 2, 2 * id + 1, CHARGE.service(), CHARGE.name(), CLIENT, start + gap * 1000,
          start + (gap + paymentMicros) * 1000, false, null);
      return ClockSkewAdjuster.withDefaults().adjust(TraceTree.build(new ArrayList<>(List.of(root, call))));
    }
  }

  /**
   * Checkouts whose payment share grows with their duration (slow checkouts are slow because of payment), and home
   * page requests without payment; durations spread over two decades.
   */
  private static List<Request> requests(long seed, int n) {
    Random random = new Random(seed);
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean checkout = random.nextInt(4) != 0;
      long duration = (long) (1000 * Math.exp(random.nextGaussian() * 1.2 + 3)); // ~20 ms median
      long payment = checkout ? (long) (duration * Math.min(0.95, 0.1 + duration / 400_000.0)) : 0;
      requests.add(new Request(checkout ? CHECKOUT : HOME, duration, payment, i + 1));
    }
    return requests;
  }

  private static CriticalPathStats.Row row(List<CriticalPathStats.Row> rows, CriticalPathStats.Operation entry,
                                           CriticalPathStats.Operation op) {
    return rows.stream().filter(r -> java.util.Objects.equals(r.entry(), entry) && r.operation().equals(op))
        .findFirst().orElseThrow(() -> new AssertionError("no row " + entry + " / " + op));
  }

  /** The exact share of payment among the fastest {@code q} of checkouts, by sorting them. */
  private static double exactShare(List<Request> requests, double q, boolean slowest) {
    List<Request> checkouts = new ArrayList<>(requests.stream().filter(r -> r.entry() == CHECKOUT).toList());
    checkouts.sort(Comparator.comparingLong(Request::durationMicros));
    double target = q * checkouts.size();
    double payment = 0;
    double total = 0;
    for (int i = 0; i < checkouts.size(); i++) {
      double weight = Math.max(0, Math.min(1, target - i)); // a fractional last trace, as the quantile falls
      if (slowest) weight = 1 - weight;
      payment += weight * checkouts.get(i).paymentMicros();
      total += weight * checkouts.get(i).durationMicros();
    }
    return payment / total;
  }

  @Test
  void totalsAndOverallSharesAreExact() {
    List<Request> requests = requests(3, 2000);
    CriticalPathStats stats = new CriticalPathStats();
    for (Request r : requests) stats.add(0, r.id(), r.trace());
    List<CriticalPathStats.Row> rows = stats.rows();

    long checkouts = requests.stream().filter(r -> r.entry() == CHECKOUT).count();
    long paymentMicros = requests.stream().mapToLong(Request::paymentMicros).sum();
    long checkoutMicros = requests.stream().filter(r -> r.entry() == CHECKOUT).mapToLong(Request::durationMicros).sum();
    CriticalPathStats.Row charge = row(rows, CHECKOUT, CHARGE);
    assertEquals(checkouts, charge.traces());
    assertEquals(checkouts, charge.entryTraces());
    assertEquals(paymentMicros * 1000, charge.criticalNanos());
    assertEquals(checkoutMicros * 1000, charge.entryDurationNanos());
    assertEquals((double) paymentMicros / checkoutMicros, charge.shareAll(), 1e-12);
    // The entry's own time and the payment time make up all of it.
    assertEquals(1.0, charge.shareAll() + row(rows, CHECKOUT, CHECKOUT).shareAll(), 1e-12);

    // Over all entry points (null entry): home requests dilute payment's share.
    long allMicros = requests.stream().mapToLong(Request::durationMicros).sum();
    CriticalPathStats.Row overall = row(rows, null, CHARGE);
    assertEquals(requests.size(), overall.entryTraces());
    assertEquals((double) paymentMicros / allMicros, overall.shareAll(), 1e-12);
    assertEquals(requests.size() - checkouts, row(rows, HOME, HOME).traces());
  }

  /**
   * Shares among the fastest 50/95/99% and the slowest 5% come from a duration histogram; against the exact shares
   * of sorted traces they are off by far less than a percentage point. Percentiles fall within the 12.5% width of
   * a bucket of the exact ones.
   */
  @Test
  void sharesAmongTheFastestMatchASortWithinABucket() {
    List<Request> requests = requests(5, 5000);
    CriticalPathStats stats = new CriticalPathStats();
    for (Request r : requests) stats.add(0, r.id(), r.trace());
    CriticalPathStats.Row charge = row(stats.rows(), CHECKOUT, CHARGE);
    assertEquals(exactShare(requests, 0.50, false), charge.shareFastest50(), 0.005);
    assertEquals(exactShare(requests, 0.95, false), charge.shareFastest95(), 0.005);
    assertEquals(exactShare(requests, 0.99, false), charge.shareFastest99(), 0.005);
    assertEquals(exactShare(requests, 0.95, true), charge.shareSlowest5(), 0.005);
    assertTrue(charge.shareSlowest5() > charge.shareFastest50() + 0.2, "slow checkouts are slow because of payment");

    long[] durations = requests.stream().filter(r -> r.entry() == CHECKOUT).mapToLong(r -> r.durationMicros() * 1000)
        .sorted().toArray();
    long[] approx = {charge.entryP50Nanos(), charge.entryP95Nanos(), charge.entryP99Nanos()};
    double[] qs = {0.50, 0.95, 0.99};
    for (int q = 0; q < qs.length; q++) {
      // The one quantile definition (docs/tables.md): the value at 0-based rank floor(q * (n - 1)) of the sorted values.
      long exact = durations[(int) Math.floor(qs[q] * (durations.length - 1))];
      assertEquals(LatencyBuckets.bucketOf(exact), LatencyBuckets.bucketOf(approx[q]), "p" + qs[q] + ": same bucket");
      assertEquals(exact, approx[q], exact * 0.125, "p" + qs[q]);
    }
  }

  /**
   * Ten checkouts of 1 to 10 ms, each alone in its histogram bucket: the percentiles are the values at ranks
   * floor(q * 9) as everywhere else (p50: the 5th fastest, p95 and p99: the 9th, never the slowest 10th), each within
   * its value's bucket. Interpolating the rank (q * n traces) would put p95 and p99 in the 10th trace's bucket.
   */
  @Test
  void entryPercentilesUseTheOneQuantileDefinition() {
    CriticalPathStats stats = new CriticalPathStats();
    long[] millis = {7, 2, 9, 1, 10, 4, 6, 3, 8, 5};
    for (int i = 0; i < millis.length; i++) {
      stats.add(0, i + 1, new Request(CHECKOUT, millis[i] * 1000, 0, i + 1).trace());
    }
    CriticalPathStats.Row row = row(stats.rows(), CHECKOUT, CHECKOUT);
    assertEquals(10, row.entryTraces());
    long[] durations = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    for (int i = 1; i < durations.length; i++) {
      assertTrue(LatencyBuckets.bucketOf(durations[i] * 1_000_000) > LatencyBuckets.bucketOf(durations[i - 1] * 1_000_000),
          "one trace per bucket");
    }
    assertEquals(LatencyBuckets.bucketOf(5_000_000), LatencyBuckets.bucketOf(row.entryP50Nanos()), "rank 4: 5 ms");
    assertEquals(LatencyBuckets.bucketOf(9_000_000), LatencyBuckets.bucketOf(row.entryP95Nanos()), "rank 8: 9 ms");
    assertEquals(LatencyBuckets.bucketOf(9_000_000), LatencyBuckets.bucketOf(row.entryP99Nanos()), "rank 8: 9 ms");
    // Alone in its bucket, the value at the rank takes the whole bucket: it is placed at the bucket's upper end.
    int b = LatencyBuckets.bucketOf(9_000_000);
    assertEquals(LatencyBuckets.lowerBound(b) + LatencyBuckets.width(b) - 1, row.entryP95Nanos());
  }

  /** The worst trace of an operation is the one where it took the most critical time; ties go to the smaller id. */
  @Test
  void worstTraceIsTheSlowestForTheOperation() {
    CriticalPathStats stats = new CriticalPathStats();
    stats.add(0, 5, new Request(CHECKOUT, 1000, 900, 5).trace());
    stats.add(0, 3, new Request(CHECKOUT, 5000, 900, 3).trace());
    stats.add(0, 4, new Request(CHECKOUT, 2000, 100, 4).trace());
    CriticalPathStats.Row charge = row(stats.rows(), CHECKOUT, CHARGE);
    assertEquals(HexIds.toHex(0, 3), charge.worstTraceId());
    assertEquals(900_000, charge.worstTraceCriticalNanos());
    assertEquals(HexIds.toHex(0, 3), row(stats.rows(), CHECKOUT, CHECKOUT).worstTraceId());
  }

  /** Split and merged in any order, the rows are the same. */
  @Test
  void mergeEqualsWhole() {
    List<Request> requests = requests(7, 1500);
    CriticalPathStats whole = new CriticalPathStats();
    CriticalPathStats[] parts = {new CriticalPathStats(), new CriticalPathStats(), new CriticalPathStats()};
    Random random = new Random(1);
    for (Request r : requests) {
      whole.add(0, r.id(), r.trace());
      parts[random.nextInt(3)].add(0, r.id(), r.trace());
    }
    CriticalPathStats merged = new CriticalPathStats().merge(parts[2]).merge(parts[0]).merge(parts[1]);
    assertEquals(whole.totals(), merged.totals());
    List<CriticalPathStats.Row> a = whole.rows();
    List<CriticalPathStats.Row> b = merged.rows();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      // Floating-point sums are formed in the same bucket order, so even the shares are identical.
      assertEquals(a.get(i), b.get(i));
    }
  }

  /** Every bucket's lower bound is in it, neighbours touch, and no bucket is wider than 12.5% of its values. */
  @Test
  void latencyBucketsTileTheLine() {
    for (int b = 0; b < 480; b++) {
      long lo = LatencyBuckets.lowerBound(b);
      long width = LatencyBuckets.width(b);
      assertEquals(b, LatencyBuckets.bucketOf(lo));
      assertEquals(b, LatencyBuckets.bucketOf(lo + width - 1));
      assertEquals(b + 1, LatencyBuckets.bucketOf(lo + width));
      assertTrue(width == 1 || width <= lo / 8.0, "bucket " + b);
    }
    assertTrue(Arrays.stream(new long[] {0, 1, 7, 8, 1_000_000_000L}).allMatch(v -> LatencyBuckets.bucketOf(v) >= 0));
  }

  /**
   * A request whose root has no service name is no one's entry point: it counts among all traces (its operations on
   * the path with a null service) and in {@code traces_root_without_service}, never as an invented entry.
   */
  @Test
  void rootWithoutServiceNameIsNoEntryPoint() {
    CriticalPathStats stats = new CriticalPathStats();
    stats.add(0, 1, new Request(CHECKOUT, 10_000, 4_000, 1).trace());
    stats.add(0, 2, new Request(new CriticalPathStats.Operation(Span.NO_SERVICE, "GET /x"), 10_000, 2_000, 2).trace());
    List<CriticalPathStats.Operation> entries = new ArrayList<>();
    for (CriticalPathStats.Row r : stats.rows()) {
      if (r.entry() != null && !entries.contains(r.entry())) entries.add(r.entry());
    }
    assertEquals(List.of(CHECKOUT), entries);
    CriticalPathStats.Row nameless = stats.rows().stream()
        .filter(r -> r.entry() == null && r.operation().service() == null).findFirst().orElseThrow();
    assertEquals("GET /x", nameless.operation().name());
    assertEquals(2, nameless.entryTraces(), "all traces of the day");
    assertEquals(1L, stats.totals().get("traces_root_without_service"));
  }
}
