package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.SERVER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.model.CallPatterns.Finding;
import io.tracegraph.model.CallPatterns.Key;
import io.tracegraph.model.CallPatterns.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The call patterns ({@link CallPatterns}), each rule on a hand-built trace whose time on the critical path is worked
 * out by hand: N+1 loops, retries (after a failure, and by {@code http.request.resend_count}), fan-outs above the
 * day's 99th percentile; and nothing on traces without them.
 */
class CallPatternsTest {
  static final long MS = 1_000_000L;
  static final Key USERS = new Key("reviews", "GET /reviews", "user", "GET /users/{id}");

  private static TraceAnalyses analyses() {
    return new TraceAnalyses(new TraceAnalyses.Options(Duration.ZERO, false, CallPatterns.N_PLUS_ONE_DEFAULT));
  }

  private static Span span(long id, long parent, SpanKind kind, String service, String name, long startMs, long endMs,
                           boolean error) {
    return new Span(id, parent, service, name, kind, TestTraces.TEN_AM_NANOS + startMs * MS,
        TestTraces.TEN_AM_NANOS + endMs * MS, error, null);
  }

  /** A reviews request whose calls to user start at {@code starts} (ms) and last {@code lengths} (ms). */
  static List<Span> reviews(long idBase, long[] starts, long[] lengths) {
    List<Span> spans = new ArrayList<>();
    spans.add(span(idBase, 0, SERVER, "reviews", "GET /reviews", 0, 200, false));
    for (int i = 0; i < starts.length; i++) {
      long client = idBase + 1 + 2L * i;
      spans.add(span(client, idBase, CLIENT, "reviews", "GET /users/{id}", starts[i], starts[i] + lengths[i], false));
      spans.add(span(client + 1, client, SERVER, "user", "GET /users/{id}", starts[i] + 1, starts[i] + lengths[i] - 1,
          false));
    }
    return spans;
  }

  private static List<Finding> findings(TraceAnalyses a) {
    return a.patterns().findings();
  }

  private static TraceAnalyses add(TraceAnalyses a, long low, List<Span> spans) {
    return a.add(7, low, TraceTree.build(7, low, new ArrayList<>(spans)));
  }

  /**
   * Six calls to the same user operation, one after the other: an N+1 of six calls. All six are on the critical path
   * (10 ms each); batched into one call the request would wait 10 ms instead of 60: it added 50 ms.
   */
  @Test
  void sequentialCallsOfOneParentAreAnNPlusOne() {
    TraceAnalyses a = add(analyses(), 1, reviews(100, new long[] {10, 30, 50, 70, 90, 110},
        new long[] {10, 10, 10, 10, 10, 10}));
    assertEquals(List.of(new Finding(Pattern.N_PLUS_ONE, USERS, 1, 6, 6, 5L, 1, 1, 50 * MS,
        List.of(new TopTraces.Example(7, 1, 50 * MS)))), findings(a));
  }

  /** Four sequential calls are below N = 5; an overlapping call splits six calls into two runs of three. */
  @Test
  void shortOrOverlappingRunsAreNotLoops() {
    TraceAnalyses a = analyses();
    add(a, 1, reviews(100, new long[] {10, 30, 50, 70}, new long[] {10, 10, 10, 10}));
    add(a, 2, reviews(200, new long[] {10, 30, 50, 55, 70, 90}, new long[] {10, 10, 10, 10, 10, 10}));
    assertEquals(List.of(), findings(a));
    TraceAnalyses four = new TraceAnalyses(new TraceAnalyses.Options(Duration.ZERO, false, 4));
    add(four, 1, reviews(100, new long[] {10, 30, 50, 70}, new long[] {10, 10, 10, 10}));
    assertEquals(4, findings(four).get(0).calls(), "N configurable");
  }

  /**
   * A charge that failed and was tried again 20 ms later: one retry. The request waited for the failed attempt
   * (30 ms on the critical path) and for the back-off (20 ms): 50 ms added. Two attempts are not an N+1.
   */
  @Test
  void aCallAfterAFailedAttemptIsARetry() {
    List<Span> spans = List.of(
        span(1, 0, SERVER, "checkout", "POST /checkout", 0, 200, false),
        span(2, 1, CLIENT, "checkout", "POST /charge", 10, 40, true),
        span(3, 2, SERVER, "payment", "POST /charge", 12, 38, true),
        span(4, 1, CLIENT, "checkout", "POST /charge", 60, 90, false),
        span(5, 4, SERVER, "payment", "POST /charge", 62, 88, false));
    TraceAnalyses a = add(analyses(), 1, spans);
    Key charge = new Key("checkout", "POST /checkout", "payment", "POST /charge");
    assertEquals(List.of(new Finding(Pattern.RETRY, charge, 1, 1, 1, null, 1, 1, 50 * MS,
        List.of(new TopTraces.Example(7, 1, 50 * MS)))), findings(a));
  }

  /**
   * An HTTP client that says it re-sent the request ({@code http.request.resend_count} 1) is a retry even though the
   * first attempt did not fail (a timeout the client did not mark, a redirect): 10 ms attempt plus 30 ms wait.
   */
  @Test
  void aResentRequestIsARetry() {
    Span first = new Span(2, 1, "checkout", "GET /rates", CLIENT, TestTraces.TEN_AM_NANOS + 10 * MS,
        TestTraces.TEN_AM_NANOS + 20 * MS, false, "rates-api");
    Span resent = new Span(3, 1, "checkout", "GET /rates", CLIENT, TestTraces.TEN_AM_NANOS + 50 * MS,
        TestTraces.TEN_AM_NANOS + 60 * MS, false, "rates-api", false, null, SamplingWeight.NONE, true);
    TraceAnalyses a = add(analyses(), 1, List.of(span(1, 0, SERVER, "checkout", "POST /checkout", 0, 100, false),
        first, resent));
    Finding f = findings(a).get(0);
    assertEquals(Pattern.RETRY, f.pattern());
    assertEquals(new Key("checkout", "POST /checkout", "rates-api", "GET /rates"), f.key());
    assertEquals(40 * MS, f.criticalPathAddedNanos());
  }

  /**
   * A client that records only the attempt it finally made, with {@code http.request.resend_count} 2: a retry whose
   * earlier attempts are not in the trace, so it adds no time it can show.
   */
  @Test
  void aLoneResentRequestIsARetryWithoutTime() {
    Span resent = new Span(2, 1, "checkout", "GET /rates", CLIENT, TestTraces.TEN_AM_NANOS + 50 * MS,
        TestTraces.TEN_AM_NANOS + 60 * MS, false, "rates-api", false, null, SamplingWeight.NONE, true);
    TraceAnalyses a = add(analyses(), 1, List.of(span(1, 0, SERVER, "checkout", "POST /checkout", 0, 100, false),
        resent));
    assertEquals(List.of(new Finding(Pattern.RETRY, new Key("checkout", "POST /checkout", "rates-api", "GET /rates"),
        1, 1, 1, null, 1, 1, 0, List.of(new TopTraces.Example(7, 1, 0)))), findings(a));
  }

  /**
   * Fan-out is judged against the day: 120 requests call posts once, one calls it ten times in parallel (only the
   * last to finish is on the critical path: nothing added), one four times in two waves (two calls on the path, 20 ms
   * beyond the longest). The 99th percentile is 1 call, so both wide parents are fan-outs.
   */
  @Test
  void fanOutsAboveTheDaysPercentile() {
    TraceAnalyses a = analyses();
    for (int i = 0; i < 120; i++) add(a, 1000 + i, feed(i * 100L, new long[] {10}, new long[] {20}));
    add(a, 1, feed(50_000, new long[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, new long[] {20, 20, 20, 20, 20, 20, 20,
        20, 20, 20}));
    add(a, 2, feed(60_000, new long[] {10, 10, 30, 30}, new long[] {20, 20, 20, 20}));
    List<Finding> found = findings(a);
    assertEquals(1, found.size(), found.toString());
    Finding f = found.get(0);
    assertEquals(Pattern.FAN_OUT, f.pattern());
    assertEquals(new Key("api", "GET /feed", "posts", "GET /post"), f.key());
    assertEquals(2, f.occurrences());
    assertEquals(14, f.calls());
    assertEquals(10, f.maxCalls());
    assertEquals(1L, f.thresholdCalls());
    assertEquals(122, f.parentSpans());
    assertEquals(2, f.traces());
    assertEquals(20 * MS, f.criticalPathAddedNanos());
    assertEquals(List.of(new TopTraces.Example(7, 2, 20 * MS), new TopTraces.Example(7, 1, 0)), f.examples());
  }

  /** Below {@value CallPatterns#FAN_OUT_MIN_PARENTS} parent spans there is no percentile to be above. */
  @Test
  void noFanOutWithoutEnoughParents() {
    TraceAnalyses a = analyses();
    for (int i = 0; i < 50; i++) add(a, 1000 + i, feed(i * 100L, new long[] {10}, new long[] {20}));
    add(a, 1, feed(50_000, new long[] {10, 10, 10}, new long[] {20, 20, 20}));
    assertEquals(List.of(), findings(a));
  }

  static List<Span> feed(long idBase, long[] starts, long[] lengths) {
    List<Span> spans = new ArrayList<>();
    spans.add(span(idBase + 1, 0, SERVER, "api", "GET /feed", 0, 100, false));
    for (int i = 0; i < starts.length; i++) {
      long client = idBase + 2 + 2L * i;
      spans.add(span(client, idBase + 1, CLIENT, "api", "GET /post", starts[i], starts[i] + lengths[i], false));
      spans.add(span(client + 1, client, SERVER, "posts", "GET /post", starts[i] + 1, starts[i] + lengths[i] - 1,
          false));
    }
    return spans;
  }

  /** A trace whose root was lost has no critical path: its loop is counted, with no time. */
  @Test
  void withoutASingleRootPatternsAddNoTime() {
    List<Span> spans = new ArrayList<>(reviews(100, new long[] {10, 30, 50, 70, 90}, new long[] {10, 10, 10, 10, 10}));
    spans.add(span(999, 0, SERVER, "other", "GET /other", 0, 5, false)); // a second root
    TraceAnalyses a = add(analyses(), 1, spans);
    Finding f = findings(a).get(0);
    assertEquals(Pattern.N_PLUS_ONE, f.pattern());
    assertEquals(0, f.criticalPathAddedNanos());
  }

  /**
   * CLIENT spans whose parent was lost hang under the root for the tree's sake only: the root did not make them, so
   * six of them in sequence are no N+1 of the root (nor a fan-out or retries); the same six under their real parent
   * are.
   */
  @Test
  void orphanCallsBelongToNoParent() {
    List<Span> orphans = new ArrayList<>();
    for (Span s : reviews(100, new long[] {10, 30, 50, 70, 90, 110}, new long[] {10, 10, 10, 10, 10, 10})) {
      orphans.add(s.kind() == CLIENT ? new Span(s.spanId(), 99, s.service(), s.name(), s.kind(), s.startNanos(),
          s.endNanos(), s.error(), s.peer()) : s); // parent 99 was lost
    }
    assertEquals(List.of(), findings(add(analyses(), 1, orphans)));
  }

  /** The hand-built checkout traces (parallel calls, one call per callee, an error without a retry) hold no pattern. */
  @Test
  void cleanTracesHaveNoPatterns() {
    TraceAnalyses a = analyses();
    add(a, 1, TrafficScenarios.trace1());
    add(a, 2, TrafficScenarios.trace2());
    assertEquals(List.of(), findings(a));
  }

  /** Any split into partitions, merged after a serialization round trip, gives the same findings. */
  @Test
  void anySplitGivesTheSameFindings() {
    List<List<Span>> traces = new ArrayList<>();
    for (int i = 0; i < 110; i++) traces.add(feed(i * 100L, new long[] {10}, new long[] {20}));
    traces.add(feed(50_000, new long[] {10, 10, 30, 30}, new long[] {20, 20, 20, 20}));
    traces.add(reviews(60_000, new long[] {10, 30, 50, 70, 90, 110}, new long[] {10, 10, 10, 10, 10, 10}));
    TraceAnalyses whole = analyses();
    for (int i = 0; i < traces.size(); i++) add(whole, i, traces.get(i));
    for (int parts = 2; parts <= 5; parts++) {
      List<TraceAnalyses> partials = new ArrayList<>();
      for (int p = 0; p < parts; p++) partials.add(analyses());
      for (int i = 0; i < traces.size(); i++) add(partials.get(i % parts), i, traces.get(i));
      TraceAnalyses merged = analyses();
      for (int p = parts - 1; p >= 0; p--) merged.merge(RoundTrip.of(partials.get(p)));
      assertEquals(findings(whole), findings(merged), parts + " partitions");
    }
    assertEquals(2, findings(whole).size());
  }

  @Test
  void optionsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new TraceAnalyses.Options(Duration.ZERO, false, 1));
    TraceAnalyses a = analyses();
    assertThrows(IllegalArgumentException.class, () -> a.merge(
        new TraceAnalyses(new TraceAnalyses.Options(Duration.ZERO, false, 3))));
    assertTrue(a.patterns().totals().values().stream().allMatch(v -> v == 0));
  }
}
