package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.CONSUMER;
import static io.tracegraph.model.SpanKind.INTERNAL;
import static io.tracegraph.model.SpanKind.PRODUCER;
import static io.tracegraph.model.SpanKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * CRISP critical paths on hand-built trees with exact expected paths, an independent recursive reference on random
 * trees, the sum rule on every trace, and a million spans without recursion. Times are milliseconds after 10:00.
 */
class CriticalPathTest {
  private static final long MS = 1_000_000L;

  /** Span {@code id} (1..) under {@code parent} (0: root) from {@code start} to {@code end} ms. */
  private static Span s(long id, long parent, SpanKind kind, long start, long end) {
    return new Span(id, parent, "svc", "op" + id, kind, TestTraces.TEN_AM_NANOS + start * MS,
        TestTraces.TEN_AM_NANOS + end * MS, false, null);
  }

  /** Critical time in ms of each span on the path, by span id; without skew adjustment. */
  private static Map<Long, Long> path(Span... spans) {
    AdjustedTrace t = new ClockSkewAdjuster(Duration.ZERO).adjust(TraceTree.build(new ArrayList<>(List.of(spans))));
    CriticalPath cp = CriticalPath.of(t);
    Map<Long, Long> result = new TreeMap<>();
    for (int i : cp.pathIndexes()) result.put(t.span(i).spanId(), cp.criticalNanos(i) / MS);
    return result;
  }

  /** Sequential children: both on the path; the parent keeps the gaps. */
  @Test
  void sequentialChildren() {
    assertEquals(Map.of(1L, 30L, 2L, 20L, 3L, 50L),
        path(s(1, 0, SERVER, 0, 100), s(2, 1, CLIENT, 10, 30), s(3, 1, CLIENT, 40, 90)));
  }

  /** Parallel children: only the last to finish is waited for. */
  @Test
  void parallelChildren() {
    assertEquals(Map.of(1L, 20L, 3L, 80L),
        path(s(1, 0, SERVER, 0, 100), s(2, 1, CLIENT, 10, 60), s(3, 1, CLIENT, 10, 90)));
  }

  /**
   * An overlap within 1% of the parent (5 ms of 1000) is tolerated: the earlier child is on the path, up to where
   * the later one starts. 20 ms is too much: it ran in parallel.
   */
  @Test
  void overlappingChildren() {
    assertEquals(Map.of(1L, 200L, 2L, 400L, 3L, 400L),
        path(s(1, 0, SERVER, 0, 1000), s(2, 1, CLIENT, 100, 505), s(3, 1, CLIENT, 500, 900)));
    assertEquals(Map.of(1L, 600L, 3L, 400L),
        path(s(1, 0, SERVER, 0, 1000), s(2, 1, CLIENT, 100, 520), s(3, 1, CLIENT, 500, 900)));
  }

  /**
   * Children overflowing their parent are clipped to it, on both sides and at every level; a child entirely outside
   * (after the parent ended) is dropped.
   */
  @Test
  void overflowingChildren() {
    assertEquals(Map.of(1L, 50L, 2L, 30L, 3L, 10L, 5L, 10L), path(
        s(1, 0, SERVER, 0, 100),
        s(2, 1, INTERNAL, -20, 30), // starts before the parent: [0, 30]
        s(3, 1, INTERNAL, 80, 130), // ends after it: [80, 100]
        s(4, 1, INTERNAL, 110, 150), // outside: dropped
        s(5, 3, INTERNAL, 90, 125))); // under the clipped child, clipped again: [90, 100]
  }

  /** A single child: its time is critical, the rest is the parent's. */
  @Test
  void singleChild() {
    assertEquals(Map.of(1L, 50L, 2L, 50L), path(s(1, 0, SERVER, 0, 100), s(2, 1, CLIENT, 20, 70)));
  }

  /** Nested: the walk goes down the last-finishing child and back through what finished before it. */
  @Test
  void nestedLevels() {
    assertEquals(Map.of(1L, 15L, 2L, 25L, 4L, 35L, 5L, 25L), path(
        s(1, 0, SERVER, 0, 100),
        s(2, 1, INTERNAL, 0, 60),
        s(3, 2, CLIENT, 10, 50),
        s(4, 2, CLIENT, 20, 55),
        s(5, 1, CLIENT, 70, 95)));
  }

  /** A consumer running after its producer returned is not on the request's critical path. */
  @Test
  void asynchronousConsumerIsOffThePath() {
    assertEquals(Map.of(1L, 95L, 2L, 5L), path(
        s(1, 0, SERVER, 0, 100), s(2, 1, PRODUCER, 10, 15), s(3, 2, CONSUMER, 40, 400)));
  }

  /** Without a single root there is no end-to-end request: no path. */
  @Test
  void noPathWithoutSingleRoot() {
    AdjustedTrace t = ClockSkewAdjuster.withDefaults().adjust(TraceTree.build(new ArrayList<>(List.of(
        s(1, 0, SERVER, 0, 100), s(2, 0, SERVER, 10, 50)))));
    assertNull(CriticalPath.of(t));
  }

  /** Skew adjustment comes first: a late server is centred in its client before the walk. */
  @Test
  void usesSkewAdjustedTimes() {
    Span root = new Span(1, 0, "frontend", "GET /", SERVER, TestTraces.TEN_AM_NANOS,
        TestTraces.TEN_AM_NANOS + 100 * MS, false, null);
    Span client = new Span(2, 1, "frontend", "call", CLIENT, TestTraces.TEN_AM_NANOS + 10 * MS,
        TestTraces.TEN_AM_NANOS + 90 * MS, false, null);
    Span server = new Span(3, 2, "backend", "serve", SERVER, TestTraces.TEN_AM_NANOS + 400 * MS,
        TestTraces.TEN_AM_NANOS + 470 * MS, false, null);
    AdjustedTrace t = ClockSkewAdjuster.withDefaults().adjust(TraceTree.build(new ArrayList<>(List.of(root, client,
        server))));
    CriticalPath cp = CriticalPath.of(t);
    Map<Long, Long> byId = new LinkedHashMap<>();
    for (int i : cp.pathIndexes()) byId.put(t.span(i).spanId(), cp.criticalNanos(i) / MS);
    assertEquals(Map.of(1L, 20L, 2L, 10L, 3L, 70L), byId);
  }

  /**
   * On random trees with overlapping, overflowing and outside children, the path and critical times equal those of
   * an independent recursive implementation of the same rules, and the critical times are never negative and sum to
   * the root's duration.
   */
  @Test
  void matchesRecursiveReferenceAndSumsToTheRootDuration() {
    Random random = new Random(23);
    for (int round = 0; round < 2000; round++) {
      int n = 1 + random.nextInt(30);
      List<Span> spans = new ArrayList<>();
      long rootEnd = 1 + random.nextInt(1000);
      spans.add(s(1, 0, SERVER, 0, rootEnd));
      for (int i = 2; i <= n; i++) {
        Span parent = spans.get(random.nextInt(spans.size()));
        long ps = (parent.startNanos() - TestTraces.TEN_AM_NANOS) / MS;
        long pe = (parent.endNanos() - TestTraces.TEN_AM_NANOS) / MS;
        long start = ps - 20 + random.nextInt((int) (pe - ps) + 40);
        long end = start + random.nextInt((int) (pe - ps) + 20);
        spans.add(s(i, parent.spanId(), random.nextBoolean() ? CLIENT : INTERNAL, start, end));
      }
      AdjustedTrace t = new ClockSkewAdjuster(Duration.ZERO).adjust(TraceTree.build(new ArrayList<>(spans)));
      CriticalPath cp = CriticalPath.of(t);
      Map<Long, Long> found = new TreeMap<>();
      long sum = 0;
      for (int i : cp.pathIndexes()) {
        assertTrue(cp.criticalNanos(i) >= 0, "round " + round);
        found.put(t.span(i).spanId(), cp.criticalNanos(i));
        sum += cp.criticalNanos(i);
      }
      assertEquals(cp.durationNanos(), sum, "round " + round);
      assertEquals(Reference.of(spans), found, "round " + round + ": " + spans);
    }
  }

  /** The same rules written the obvious way: recursion over a map of children, a fresh sort per span. */
  private static final class Reference {
    static Map<Long, Long> of(List<Span> spans) {
      Map<Long, List<Span>> children = new TreeMap<>();
      for (Span span : spans) children.computeIfAbsent(span.parentId(), k -> new ArrayList<>()).add(span);
      Map<Long, Long> result = new TreeMap<>();
      Span root = children.get(0L).get(0);
      walk(root, root.startNanos(), root.endNanos(), children, result);
      return result;
    }

    private static void walk(Span span, long from, long to, Map<Long, List<Span>> children, Map<Long, Long> out) {
      List<long[]> kids = new ArrayList<>(); // clipped start, clipped end, id, original start
      Map<Long, Span> byId = new TreeMap<>();
      for (Span c : children.getOrDefault(span.spanId(), List.of())) {
        boolean inside = c.startNanos() < to && c.endNanos() > from
            || c.startNanos() == c.endNanos() && c.startNanos() >= from && c.endNanos() <= to;
        if (!inside) continue;
        kids.add(new long[] {Math.max(from, c.startNanos()), Math.min(to, c.endNanos()), c.spanId(), c.startNanos()});
        byId.put(c.spanId(), c);
      }
      // Latest clipped end first, then latest clipped start, then tree order (start, then id).
      kids.sort((a, b) -> a[1] != b[1] ? Long.compare(b[1], a[1]) : a[0] != b[0] ? Long.compare(b[0], a[0])
          : a[3] != b[3] ? Long.compare(a[3], b[3]) : Long.compareUnsigned(a[2], b[2]));
      long tolerance = (long) ((to - from) * 0.01);
      long frontier = to;
      long covered = 0;
      boolean first = true;
      for (long[] k : kids) {
        if (first || k[1] <= frontier || (k[1] - frontier <= tolerance && k[0] < frontier)) {
          long end = Math.min(k[1], frontier);
          walk(byId.get(k[2]), k[0], end, children, out);
          covered += end - k[0];
          frontier = k[0];
          first = false;
        }
      }
      out.put(span.spanId(), to - from - covered);
    }
  }

  /** A chain of a million spans and a root with a million children: linear-ish, no recursion. */
  @Test
  void millionSpans() {
    int n = 1_000_000;
    List<Span> chain = new ArrayList<>(n);
    List<Span> fan = new ArrayList<>(n);
    long base = TestTraces.TEN_AM_NANOS;
    fan.add(new Span(1, 0, "s", "root", SERVER, base, base + 10L * n, false, null));
    for (int i = 0; i < n; i++) {
      chain.add(new Span(i + 1, i, "s", "op", INTERNAL, base + i, base + 2L * n - i, false, null));
      if (i > 0) fan.add(new Span(i + 1, 1, "s", "op", CLIENT, base + 10L * i, base + 10L * i + 5, false, null));
    }
    for (List<Span> spans : List.of(chain, fan)) {
      CriticalPath cp = assertTimeoutPreemptively(Duration.ofSeconds(120),
          () -> CriticalPath.of(ClockSkewAdjuster.withDefaults().adjust(TraceTree.build(spans))));
      long sum = 0;
      for (int i : cp.pathIndexes()) sum += cp.criticalNanos(i);
      assertEquals(cp.durationNanos(), sum);
    }
  }
}
