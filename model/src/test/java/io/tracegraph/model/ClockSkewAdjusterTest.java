package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.CONSUMER;
import static io.tracegraph.model.SpanKind.INTERNAL;
import static io.tracegraph.model.SpanKind.PRODUCER;
import static io.tracegraph.model.SpanKind.SERVER;
import static io.tracegraph.model.TestTraces.span;
import static io.tracegraph.model.TestTraces.spanId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clock-skew adjustment, Jaeger's rules: a child on another clock that does not fit its parent is centred in it (or
 * start-aligned when longer), with its process's spans below it; bounded; off with a zero bound.
 */
class ClockSkewAdjusterTest {
  private static final long MS = 1_000_000L;
  private static final long ROOT = spanId(1, 1);
  private static final long CALL = spanId(1, 2);
  private static final long SERVE = spanId(1, 3);
  private static final long WORK = spanId(1, 4);
  private static final long DB = spanId(1, 5);

  private static AdjustedTrace adjust(Duration max, Span... spans) {
    return new ClockSkewAdjuster(max).adjust(TraceTree.build(new ArrayList<>(List.of(spans))));
  }

  private static int indexOf(AdjustedTrace t, long spanId) {
    for (int i = 0; i < t.size(); i++) if (t.span(i).spanId() == spanId) return i;
    throw new AssertionError("no span " + spanId);
  }

  /** frontend CLIENT 10..110 ms; backend SERVER 90 ms long, recorded 300 ms late, with its own INTERNAL and CLIENT. */
  private static Span[] lateServer() {
    return new Span[] {
        span(ROOT, 0, SERVER, "frontend", 0, 200),
        span(CALL, ROOT, CLIENT, "frontend", 10, 100),
        span(SERVE, CALL, SERVER, "backend", 310, 90),
        span(WORK, SERVE, INTERNAL, "backend", 320, 50),
        span(DB, WORK, CLIENT, "backend", 330, 20, "db", false)};
  }

  /**
   * The late server is centred in its CLIENT (5 ms of network time each way), and the spans of its process below it
   * move by the same shift: the skew is the host's, not the span's.
   */
  @Test
  void lateChildIsCentredWithItsProcess() {
    AdjustedTrace t = adjust(Duration.ofSeconds(1), lateServer());
    int serve = indexOf(t, SERVE);
    assertEquals(15 * MS, t.start(serve) - TestTraces.TEN_AM_NANOS);
    assertEquals(105 * MS, t.end(serve) - TestTraces.TEN_AM_NANOS);
    assertEquals(-295 * MS, t.shift(serve));
    assertEquals(AdjustedTrace.Skew.ADJUSTED, t.skew(serve));
    for (long id : List.of(WORK, DB)) {
      int i = indexOf(t, id);
      assertEquals(-295 * MS, t.shift(i));
      assertEquals(AdjustedTrace.Skew.NONE, t.skew(i), "moved with its process, not adjusted on its own");
    }
    assertEquals(0, t.shift(indexOf(t, CALL)));
    assertEquals(0, t.shift(indexOf(t, ROOT)));
    assertEquals(lateServer()[2].startNanos(), t.span(serve).startNanos(), "the span itself is not changed");
  }

  /** A shift beyond the bound is not applied, only counted; the subtree stays where it was. */
  @Test
  void shiftBeyondTheBoundIsNotApplied() {
    AdjustedTrace t = adjust(Duration.ofMillis(200), lateServer());
    int serve = indexOf(t, SERVE);
    assertEquals(AdjustedTrace.Skew.NOT_APPLIED, t.skew(serve));
    assertEquals(0, t.shift(serve));
    assertEquals(0, t.shift(indexOf(t, DB)));
  }

  /** {@code --max-skew 0} turns adjustment off: nothing moves, nothing is counted. */
  @Test
  void zeroBoundTurnsAdjustmentOff() {
    AdjustedTrace t = adjust(Duration.ZERO, lateServer());
    for (int i = 0; i < t.size(); i++) {
      assertEquals(0, t.shift(i));
      assertEquals(AdjustedTrace.Skew.NONE, t.skew(i));
      assertEquals(t.span(i).startNanos(), t.start(i));
    }
  }

  /** A child longer than its parent that starts before it is aligned on the parent's start. */
  @Test
  void longerChildStartingEarlyIsStartAligned() {
    AdjustedTrace t = adjust(Duration.ofSeconds(1),
        span(ROOT, 0, CLIENT, "frontend", 100, 50),
        span(CALL, ROOT, SERVER, "backend", 80, 70));
    int child = indexOf(t, CALL);
    assertEquals(20 * MS, t.shift(child));
    assertEquals(t.start(indexOf(t, ROOT)), t.start(child));
  }

  /** A longer child starting after its parent cannot be placed inside it: left alone (Jaeger does the same). */
  @Test
  void longerChildStartingLateIsLeftAlone() {
    AdjustedTrace t = adjust(Duration.ofSeconds(1),
        span(ROOT, 0, CLIENT, "frontend", 100, 50),
        span(CALL, ROOT, SERVER, "backend", 120, 70));
    assertEquals(0, t.shift(indexOf(t, CALL)));
    assertEquals(AdjustedTrace.Skew.NONE, t.skew(indexOf(t, CALL)));
  }

  /**
   * Messaging is asynchronous: a consumer may run long after its producer ended, which is not skew. Only a consumer
   * that starts before its producer is moved (to the producer's start).
   */
  @Test
  void consumersAreOnlyMovedWhenTheyStartBeforeTheirProducer() {
    AdjustedTrace late = adjust(Duration.ofSeconds(1),
        span(ROOT, 0, PRODUCER, "order", 0, 5, "kafka", false),
        span(CALL, ROOT, CONSUMER, "fulfillment", 400, 100, "kafka", false));
    assertEquals(0, late.shift(indexOf(late, CALL)));
    AdjustedTrace early = adjust(Duration.ofSeconds(1),
        span(ROOT, 0, PRODUCER, "order", 100, 5, "kafka", false),
        span(CALL, ROOT, CONSUMER, "fulfillment", 40, 10, "kafka", false));
    assertEquals(60 * MS, early.shift(indexOf(early, CALL)));
  }

  /**
   * A span of the same service under its parent shares its clock and is never compared with it (an INTERNAL span
   * ending after its parent is a recording artefact, not skew); the server side of a self-call is another process.
   */
  @Test
  void sameProcessChildrenAreNotComparedButSelfCallsAre() {
    AdjustedTrace t = adjust(Duration.ofSeconds(1),
        span(ROOT, 0, SERVER, "frontend", 0, 100),
        span(CALL, ROOT, INTERNAL, "frontend", 50, 100),
        span(SERVE, ROOT, CLIENT, "frontend", 10, 20),
        span(WORK, SERVE, SERVER, "frontend", 500, 10));
    assertEquals(0, t.shift(indexOf(t, CALL)));
    assertEquals(AdjustedTrace.Skew.ADJUSTED, t.skew(indexOf(t, WORK)));
    assertEquals(15 * MS, t.start(indexOf(t, WORK)) - TestTraces.TEN_AM_NANOS);
  }

  /**
   * A grandchild on a third clock is compared with its parent's adjusted times: after backend moves back by 295 ms,
   * a database server recorded at backend's raw time no longer fits and moves too.
   */
  @Test
  void grandchildIsComparedWithTheAdjustedParent() {
    Span[] base = lateServer();
    AdjustedTrace t = adjust(Duration.ofSeconds(1), base[0], base[1], base[2], base[3], base[4],
        span(spanId(1, 6), DB, SERVER, "database", 332, 16));
    int db = indexOf(t, DB);
    int server = indexOf(t, spanId(1, 6));
    assertEquals(AdjustedTrace.Skew.ADJUSTED, t.skew(server));
    assertEquals(t.start(db) + 2 * MS, t.start(server), "centred in the adjusted client");
  }

  /** An orphan hangs under the root, which is not its parent: it is never adjusted against it. */
  @Test
  void orphansAreNotAdjusted() {
    AdjustedTrace t = adjust(Duration.ofSeconds(1),
        span(ROOT, 0, SERVER, "frontend", 0, 100),
        span(CALL, spanId(9, 9) /* absent */, SERVER, "backend", 500, 10));
    assertEquals(0, t.shift(indexOf(t, CALL)));
    assertEquals(AdjustedTrace.Skew.NONE, t.skew(indexOf(t, CALL)));
  }

  @Test
  void negativeBoundIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new ClockSkewAdjuster(Duration.ofMillis(-1)));
  }

  /**
   * A million-span chain alternating between two hosts, the odd one's clock 1 ms ahead: every odd span is adjusted
   * back onto the true times, every even one fits as it is; nothing recurses.
   */
  @Test
  void millionSpanChainWithSkewEverywhere() {
    int n = 1_000_000;
    List<Span> spans = new ArrayList<>(n);
    long base = TestTraces.TEN_AM_NANOS;
    for (int i = 0; i < n; i++) {
      long trueStart = base + i * 1_000L; // nested with 1 µs on each side
      long trueEnd = base + (2L * n - i) * 1_000L;
      long ahead = i % 2 == 1 ? MS : 0;
      spans.add(new Span(i + 1, i, "s" + (i % 2), "op", i % 2 == 0 ? SERVER : CLIENT, trueStart + ahead,
          trueEnd + ahead, false, null));
    }
    AdjustedTrace t = assertTimeoutPreemptively(Duration.ofSeconds(120),
        () -> ClockSkewAdjuster.withDefaults().adjust(TraceTree.build(spans)));
    assertEquals(n, t.size());
    assertEquals(n, t.maxDepth());
    int adjusted = 0;
    for (int i = 0; i < n; i++) {
      if (t.skew(i) == AdjustedTrace.Skew.ADJUSTED) adjusted++;
      if (t.start(i) != base + i * 1_000L) throw new AssertionError("span " + i + " at " + t.start(i));
    }
    assertEquals(n / 2, adjusted);
  }
}
