package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.INTERNAL;
import static io.tracegraph.model.SpanKind.SERVER;
import static io.tracegraph.model.TestTraces.span;
import static io.tracegraph.model.TestTraces.spanId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The trace a waterfall draws: order, marks, the dominant span's sentence, and the cut of large traces. */
class CompactTraceTest {
  private static final TraceId ID = new TraceId(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L);
  private static final ClockSkewAdjuster ADJUSTER = ClockSkewAdjuster.withDefaults();

  private static long id(int n) {
    return spanId(7100, n);
  }

  /**
   * The slow checkout of the issue: frontend → checkout → payment, whose call to the uninstrumented payment provider
   * takes 2.9 s of the request's 3.1 s. The dominant span is that CLIENT span, named the way a person says it.
   */
  static List<Span> slowCheckout() {
    return List.of(
        new Span(id(1), 0, "frontend", "POST /checkout", SERVER, t(0), t(3100), false, null),
        new Span(id(2), id(1), "frontend", "POST checkout", CLIENT, t(20), t(3080), false, null),
        new Span(id(3), id(2), "checkout", "POST /api/checkout", SERVER, t(30), t(3070), false, null),
        new Span(id(4), id(3), "checkout", "GET flags", CLIENT, t(35), t(60), false, "feature-flags"),
        new Span(id(5), id(3), "checkout", "POST charge", CLIENT, t(70), t(3060), false, null),
        new Span(id(6), id(5), "payment", "POST /payments/charge", SERVER, t(80), t(3050), false, null),
        new Span(id(7), id(6), "payment", "POST /v1/charges", CLIENT, t(100), t(3000), false, "payment-provider"));
  }

  private static long t(long millis) {
    return TestTraces.TEN_AM_NANOS + millis * 1_000_000L;
  }

  private static CompactTrace compact(List<Span> spans, int limit) {
    return CompactTrace.of(ID, ADJUSTER.adjust(TraceTree.build(new ArrayList<>(spans))), limit);
  }

  @Test
  void theDominantSpanIsTheOneWithTheMostCriticalPathTime() {
    CompactTrace c = compact(slowCheckout(), CompactTrace.NO_LIMIT);
    assertEquals(7, c.size());
    assertFalse(c.isCut());
    int d = c.dominant();
    assertEquals("POST /v1/charges", c.name(d));
    assertEquals("payment \u2192 payment-provider POST /v1/charges", c.describe(d));
    assertEquals(2_900_000_000L, c.criticalNanos(d));
    assertEquals(3_100_000_000L, c.durationNanos());
    assertEquals(new EntryPointKey("frontend", "POST /checkout"), c.entry());
    assertTrue(c.has(d, CompactTrace.CRITICAL));
    assertEquals("GET flags", c.name(3));
    assertEquals(25_000_000L, c.criticalNanos(3), "the flags call ends before the charge starts: waited on whole");
    assertEquals("checkout \u2192 payment POST /payments/charge", c.describe(c.parent(d)), "called from another service");
  }

  /** Depth first, each span followed by its subtree, siblings in start order: the order a waterfall is drawn in. */
  /**
   * A root span without a service name (its process never named itself) is no one's entry point, as in the
   * entry_points table, and a person reads it as "(no service name)", never as an empty name.
   */
  @Test
  void aNamelessRootIsNoEntryPointAndReadsAsSuch() {
    CompactTrace c = compact(List.of(
        new Span(id(1), 0, Span.NO_SERVICE, "GET /", SERVER, t(0), t(100), false, null),
        new Span(id(2), id(1), "checkout", "POST /api", SERVER, t(10), t(90), false, null)), CompactTrace.NO_LIMIT);
    assertEquals(null, c.entry());
    assertEquals("", c.service(0));
    assertEquals(CompactTrace.NO_SERVICE_SHOWN + " GET /", c.describe(0));
    assertEquals(CompactTrace.NO_SERVICE_SHOWN + " \u2192 checkout POST /api", c.describe(1));
  }

  @Test
  void spansAreInDepthFirstOrder() {
    CompactTrace c = compact(slowCheckout(), CompactTrace.NO_LIMIT);
    List<String> names = new ArrayList<>();
    for (int k = 0; k < c.size(); k++) names.add(c.name(k));
    assertEquals(List.of("POST /checkout", "POST checkout", "POST /api/checkout", "GET flags", "POST charge",
        "POST /payments/charge", "POST /v1/charges"), names);
    for (int k = 1; k < c.size(); k++) assertTrue(c.parent(k) < k, "the parent precedes its span");
    assertEquals(0, c.startOffsetNanos(0));
    assertEquals(80_000_000L, c.startOffsetNanos(5));
  }

  /** The error origin and the span where it surfaced are marked, as ErrorOrigins finds them. */
  @Test
  void errorOriginAndSurfacedSpanAreMarked() {
    ErrorScenarios.Scenario s = ErrorScenarios.deepOrigin();
    CompactTrace c = compact(s.spans(), CompactTrace.NO_LIMIT);
    List<Integer> origins = c.indexesWith(CompactTrace.ORIGIN);
    List<Integer> surfaced = c.indexesWith(CompactTrace.SURFACED);
    assertEquals(1, origins.size());
    assertEquals("payment \u2192 payments-db client payment", c.describe(origins.get(0)));
    assertEquals(List.of(0), surfaced, "it surfaced at the root");
    assertEquals(6, c.errorSpans());
    assertTrue(c.has(origins.get(0), CompactTrace.ERROR));
  }

  /**
   * A trace far larger than the limit is cut to exactly the limit, and what matters survives: the root, the error
   * origin deep in one branch, where it surfaced, and the dominant span deep in another; every kept span's parent is
   * kept, and the spans left out are all accounted for under the kept span they hang from.
   */
  @Test
  void aLargeTraceIsCutToTheLimitKeepingWhatMatters() {
    List<Span> spans = new ArrayList<>();
    spans.add(new Span(id(1), 0, "root", "GET /", SERVER, t(0), t(10_000), true, null));
    // 3000 fast leaves under the root, then a deep chain ending in a slow database call, then a failing chain.
    for (int i = 0; i < 3000; i++) {
      spans.add(new Span(spanId(7200, i), id(1), "fanout", "leaf " + (i % 7), INTERNAL, t(1), t(2), false, null));
    }
    long parent = id(1);
    for (int d = 0; d < 40; d++) {
      long s = spanId(7300, d);
      spans.add(new Span(s, parent, "chain" + (d % 3), "step", INTERNAL, t(100 + d), t(9_000 - d), false, null));
      parent = s;
    }
    long slow = spanId(7300, 999);
    spans.add(new Span(slow, parent, "chain0", "SELECT big", CLIENT, t(200), t(8_900), false, "warehouse-db"));
    long failParent = id(1);
    for (int d = 0; d < 30; d++) {
      long s = spanId(7400, d);
      spans.add(new Span(s, failParent, "fail" + (d % 2), "call", INTERNAL, t(10 + d), t(80 - d), true, null));
      failParent = s;
    }
    int total = spans.size();

    CompactTrace whole = compact(spans, CompactTrace.NO_LIMIT);
    CompactTrace cut = compact(spans, 200);

    assertEquals(total, whole.size());
    assertEquals(total, cut.spanCount());
    assertEquals(200, cut.size());
    assertTrue(cut.isCut());
    Set<Long> kept = new HashSet<>();
    long hidden = 0;
    for (int k = 0; k < cut.size(); k++) {
      kept.add(cut.spanId(k));
      if (k > 0) assertTrue(cut.parent(k) >= 0 && cut.parent(k) < k, "span " + k + " hangs under a kept span");
      hidden += cut.hiddenBelow(k);
    }
    assertEquals(total - 200, hidden + cut.hiddenTopLevel(), "every span left out is counted somewhere");
    assertEquals(0, cut.hiddenTopLevel());
    assertTrue(kept.contains(slow), "the dominant span");
    assertEquals("chain0 \u2192 warehouse-db SELECT big", cut.describe(cut.dominant()));
    assertTrue(kept.contains(spanId(7400, 29)), "the error origin at the bottom of the failing chain");
    assertEquals(whole.describe(whole.indexesWith(CompactTrace.ORIGIN).get(0)),
        cut.describe(cut.indexesWith(CompactTrace.ORIGIN).get(0)));
    assertEquals(List.of(0), cut.indexesWith(CompactTrace.SURFACED));
    assertEquals(3000 - (200 - 1 - 41 - 30), cut.hiddenBelow(0), "the root's leaves that did not fit");
    assertEquals(whole.durationNanos(), cut.durationNanos());
    assertEquals(whole.criticalNanos(whole.dominant()), cut.criticalNanos(cut.dominant()));
  }

  /** Same trace, same compact value, whatever order its rows arrive in (the exemplars' merge relies on it). */
  @Test
  void theValueDependsOnlyOnTheTrace() {
    List<Span> spans = new ArrayList<>(slowCheckout());
    CompactTrace a = compact(spans, 4);
    java.util.Collections.reverse(spans);
    CompactTrace b = compact(spans, 4);
    assertEquals(a, b);
    assertEquals(4, a.size());
    assertEquals(3, sumHidden(a) + a.hiddenTopLevel(), "the three spans left out are counted");
  }

  private static long sumHidden(CompactTrace c) {
    long h = 0;
    for (int k = 0; k < c.size(); k++) h += c.hiddenBelow(k);
    return h;
  }

  /**
   * A compact trace travels in the partition summaries: serialization gives back an equal value (cut or not, with
   * clock-skew shifts and detached spans), in about 25 bytes a span when the names are shared.
   */
  @Test
  void serializationRoundTripsInAPackedForm() throws Exception {
    List<Span> spans = new ArrayList<>(slowCheckout());
    spans.add(new Span(id(20), id(99), "orphanage", "lost parent", INTERNAL, t(5), t(9), true, null)); // detached
    spans.add(new Span(id(21), id(7), "skewed", "late clock", SERVER, t(1500), t(3100), false, null)); // adjusted
    List<Span> big = new ArrayList<>(spans);
    for (int i = 0; i < 400; i++) {
      big.add(new Span(spanId(7500, i), id(3), "checkout", "step", INTERNAL, t(31 + i), t(32 + i), false, null));
    }
    for (CompactTrace c : List.of(compact(spans, CompactTrace.NO_LIMIT), compact(big, 200), compact(big, 1_000))) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(c);
      }
      try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
          new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
        assertEquals(c, in.readObject());
      }
      if (c.size() > 100) {
        assertTrue(bytes.size() < 1_000 + 30 * c.size(), bytes.size() + " bytes for " + c.size() + " spans");
      }
    }
    CompactTrace adjusted = compact(spans, CompactTrace.NO_LIMIT);
    assertEquals(1, adjusted.indexesWith(CompactTrace.DETACHED).size(), "the fixture has a detached span");
    int skewed = adjusted.indexesWith(CompactTrace.SKEW_ADJUSTED).get(0);
    assertTrue(adjusted.skewShiftNanos(skewed) < 0, "and a span moved back into its caller");
  }
}
