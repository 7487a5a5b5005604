package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.INTERNAL;
import static io.tracegraph.model.SpanKind.SERVER;
import static io.tracegraph.model.SpanKind.UNSPECIFIED;
import static io.tracegraph.model.TestTraces.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Assembling one trace's tree from its rows: merging, attaching, roots, orphans, cycles, order, size. */
class TraceTreeTest {
  private static final Duration NO_LOOPING = Duration.ofSeconds(5);

  private static long id(int n) {
    return TestTraces.spanId(700, n);
  }

  private static TraceTree build(Span... spans) {
    return TraceTree.build(new ArrayList<>(List.of(spans)));
  }

  private static List<Span> breadthFirstSpans(TraceTree tree) {
    List<Span> spans = new ArrayList<>();
    for (SpanNode node : tree.breadthFirst()) spans.add(node.span());
    return spans;
  }

  private static List<Long> childIds(SpanNode node) {
    return node.children().stream().map(c -> c.span().spanId()).toList();
  }

  /** Every distinct input span id appears exactly once in the breadth-first walk, and parents come first. */
  private static void assertEverySpanOnce(TraceTree tree, List<Span> input) {
    Set<Long> inputIds = new HashSet<>();
    for (Span s : input) inputIds.add(s.spanId());
    Map<SpanNode, Integer> position = new IdentityHashMap<>();
    Set<Long> seen = new HashSet<>();
    for (SpanNode node : tree.breadthFirst()) {
      assertFalse(node.isSynthetic(), "breadthFirst() yields real spans only");
      assertTrue(seen.add(node.span().spanId()), "twice: " + node);
      if (node.parent() != null && !node.parent().isSynthetic()) {
        assertTrue(position.containsKey(node.parent()), "child before parent: " + node);
      }
      position.put(node, position.size());
    }
    assertEquals(inputIds, seen);
    assertEquals(inputIds.size(), tree.spanCount());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Merging

  /**
   * Archives repeat rows (retries, double export) and split spans into partial rows. Rows with one id become one span:
   * widest time range, ERROR if any failed, missing fields filled from the other rows; the extra rows are counted.
   */
  @Test
  void duplicatesAreMergedAndCounted() {
    long start = TestTraces.TEN_AM_NANOS;
    Span full = new Span(id(1), 0, "frontend", "GET /", SERVER, start + 10, start + 90, false, null);
    Span copy = full;
    Span partial = new Span(id(1), id(9), Span.NO_SERVICE, "", UNSPECIFIED, start, start + 50, false, "lb");
    Span laterFailed = new Span(id(1), 0, "frontend", "GET /", SERVER, start + 20, start + 120, true, null);
    TraceTree tree = build(full, copy, laterFailed, partial);

    assertEquals(1, tree.spanCount());
    assertEquals(3, tree.duplicatesMerged());
    assertEquals(List.of(new Span(id(1), id(9), "frontend", "GET /", SERVER, start, start + 120, true, "lb")),
        breadthFirstSpans(tree));
    // the merged parent id names no span of the trace: an orphan under a synthetic root
    assertTrue(tree.root().isSynthetic());
    assertEquals(1, tree.orphans());
    assertEquals(0, tree.rootSpans());
  }

  /**
   * Where two rows of one span disagree and both have a value, which one wins must not depend on the arrival order:
   * otherwise two runs over the same day could give different links.
   */
  @Test
  void mergeIsIndependentOfInputOrder() {
    long t = TestTraces.TEN_AM_NANOS;
    List<Span> rows = List.of(
        new Span(id(1), 0, "frontend", "GET /", SERVER, t + 10, t + 90, false, null),
        new Span(id(1), id(5), "gateway", "GET /a", CLIENT, t + 10, t + 90, false, "edge"),
        new Span(id(1), id(6), "frontend", "", INTERNAL, t + 5, t + 80, false, "cdn"),
        new Span(id(1), 0, Span.NO_SERVICE, "x", UNSPECIFIED, t + 10, t + 95, true, null),
        new Span(id(2), id(1), "backend", "q", CLIENT, t + 20, t + 30, false, "db"),
        new Span(id(2), id(1), "backend", "q", SERVER, t + 20, t + 30, false, null),
        new Span(id(3), id(1), "backend", "r", CLIENT, t + 40, t + 50, false, null),
        new Span(id(5), 0, "gateway", "in", SERVER, t, t + 100, false, null),
        new Span(id(6), id(5), "gateway", "local", INTERNAL, t + 1, t + 99, false, null));
    List<Span> reference = breadthFirstSpans(TraceTree.build(new ArrayList<>(rows)));
    List<DependencyLink> referenceLinks = DependencyLinker.linksOf(rows);
    assertEquals(5, reference.size());

    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      List<Span> shuffled = new ArrayList<>(rows);
      Collections.shuffle(shuffled, random);
      List<Span> before = List.copyOf(shuffled);
      assertEquals(reference, breadthFirstSpans(TraceTree.build(shuffled)), "order " + before);
      assertEquals(referenceLinks, DependencyLinker.linksOf(before), "order " + before);
    }
  }

  /** A span's parent id can never be its own id: Span drops such a parent, as Zipkin does. */
  @Test
  void selfParentIsDroppedBySpan() {
    Span self = span(id(1), id(1), SERVER, "frontend", 0, 10);
    assertEquals(0, self.parentId());
    assertFalse(self.hasParent());
    TraceTree tree = build(self);
    assertEquals(1, tree.rootSpans());
    assertEquals(0, tree.cyclesBroken());
    assertSame(self, tree.root().span());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Roots and orphans

  /** A complete trace: the one root span is the tree's root, children hang under their parents. */
  @Test
  void completeTreeHasRealRoot() {
    Span root = span(id(1), 0, SERVER, "frontend", 0, 100);
    Span client = span(id(2), id(1), CLIENT, "frontend", 10, 50);
    Span server = span(id(3), id(2), SERVER, "backend", 20, 30);
    TraceTree tree = build(server, client, root);
    assertFalse(tree.root().isSynthetic());
    assertSame(root, tree.root().span());
    assertNull(tree.root().parent());
    assertNull(tree.root().parentSpan());
    assertEquals(List.of(root, client, server), breadthFirstSpans(tree));
    SpanNode serverNode = tree.root().children().get(0).children().get(0);
    assertSame(client, serverNode.parentSpan());
    assertSame(client, serverNode.nearestRemoteAncestor());
    assertEquals(1, tree.rootSpans());
    assertEquals(0, tree.orphans());
    assertEquals(0, tree.duplicatesMerged());
    assertEquals(3, tree.spanCount());
  }

  /**
   * A span whose parent was lost (sampled out, late, dropped row) hangs under the trace's only root, as Zipkin
   * assumes: the root is where the request entered, so it is the best known caller.
   */
  @Test
  void orphansHangUnderTheSingleRoot() {
    Span root = span(id(1), 0, SERVER, "frontend", 0, 100);
    Span orphan = span(id(2), id(99), CLIENT, "backend", 10, 50);
    Span orphanChild = span(id(3), id(2), SERVER, "db-proxy", 20, 10);
    TraceTree tree = build(orphanChild, orphan, root);
    assertSame(root, tree.root().span());
    assertEquals(List.of(id(2)), childIds(tree.root()));
    assertEquals(1, tree.orphans());
    assertEquals(1, tree.rootSpans());
    assertEverySpanOnce(tree, List.of(root, orphan, orphanChild));
  }

  /** Without any root span (the root was lost) a synthetic root holds the orphans, so the trace is still one tree. */
  @Test
  void noRootGivesSyntheticRoot() {
    Span a = span(id(1), id(98), CLIENT, "frontend", 10, 50);
    Span b = span(id(2), id(99), CLIENT, "frontend", 5, 50);
    TraceTree tree = build(a, b);
    assertTrue(tree.root().isSynthetic());
    assertNull(tree.root().span());
    assertEquals(0, tree.rootSpans());
    assertEquals(2, tree.orphans());
    assertEquals(List.of(id(2), id(1)), childIds(tree.root())); // by start time
    for (SpanNode child : tree.root().children()) {
      assertNull(child.parentSpan(), "a synthetic parent has no span");
      assertNull(child.nearestRemoteAncestor());
    }
    assertEverySpanOnce(tree, List.of(a, b));
  }

  /** Several root spans (a split trace) sit side by side under a synthetic root, with the orphans. */
  @Test
  void severalRootsGiveSyntheticRoot() {
    Span root1 = span(id(1), 0, SERVER, "service1", 0, 100);
    Span root2 = span(id(2), 0, SERVER, "service2", 10, 100);
    Span orphan = span(id(3), id(99), SERVER, "service3", 5, 100);
    Span child = span(id(4), id(1), CLIENT, "service1", 20, 10);
    TraceTree tree = build(child, orphan, root2, root1);
    assertTrue(tree.root().isSynthetic());
    assertEquals(2, tree.rootSpans());
    assertEquals(1, tree.orphans());
    assertEquals(List.of(id(1), id(3), id(2)), childIds(tree.root()));
    assertEquals(List.of(root1, orphan, root2, child), breadthFirstSpans(tree));
  }

  /** Siblings are ordered by start time; spans starting together by span id, so the order is total. */
  @Test
  void siblingsOrderedByStartThenId() {
    siblingsOfOneParent();
    orphanSortsAmongRootChildren();
  }

  private static void siblingsOfOneParent() {
    long low = 0x0000_0000_0000_00a1L;
    long mid = 0x0000_0000_0000_00b2L;
    long high = 0x1000_0000_0000_0000L;
    Span root = span(id(1), 0, SERVER, "frontend", 0, 100);
    Span late = span(low, id(1), CLIENT, "frontend", 30, 10);
    Span sameStartHigh = span(high, id(1), CLIENT, "frontend", 10, 10);
    Span sameStartMid = span(mid, id(1), CLIENT, "frontend", 10, 50);
    Span first = span(id(5), id(1), INTERNAL, "frontend", 5, 10);
    TraceTree tree = build(late, sameStartHigh, root, sameStartMid, first);
    assertEquals(List.of(id(5), mid, high, low), childIds(tree.root()));
  }

  /** Orphans join the root's children in the same order: an orphan starting with a child, lower id, comes first. */
  private static void orphanSortsAmongRootChildren() {
    Span root = span(0x7000_0000_0000_0001L, 0, SERVER, "frontend", 0, 100);
    Span child = span(0x5000_0000_0000_0000L, root.spanId(), CLIENT, "frontend", 10, 10);
    Span orphan = span(0x4000_0000_0000_0000L, 0x6000_0000_0000_0000L, CLIENT, "backend", 10, 10);
    Span earlyChild = span(0x4500_0000_0000_0000L, root.spanId(), CLIENT, "frontend", 5, 10);
    TraceTree tree = build(child, orphan, root, earlyChild);
    assertEquals(List.of(earlyChild.spanId(), orphan.spanId(), child.spanId()), childIds(tree.root()));
  }

  /** The earliest start decides the trace's day; it includes orphans and the widened range of merged rows. */
  @Test
  void earliestStartNanos() {
    Span root = span(id(1), 0, SERVER, "frontend", 100, 100);
    Span orphan = span(id(2), id(99), CLIENT, "backend", 50, 10);
    Span rootCopyStartingEarlier = span(id(1), 0, SERVER, "frontend", 20, 180);
    assertEquals(TestTraces.TEN_AM_NANOS + 50_000_000L, build(root, orphan).earliestStartNanos());
    assertEquals(TestTraces.TEN_AM_NANOS + 20_000_000L,
        build(root, orphan, rootCopyStartingEarlier).earliestStartNanos());
  }

  @Test
  void rejectsNullAndEmptyInput() {
    assertThrows(NullPointerException.class, () -> TraceTree.build(null));
    assertThrows(IllegalArgumentException.class, () -> TraceTree.build(new ArrayList<>()));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Cycles (hostile or corrupt input)

  /** Two spans naming each other as parent: no root, no orphan; the cycle is cut once, and nothing loops. */
  @Test
  void twoCycleAloneIsBroken() {
    Span a = span(id(1), id(2), SERVER, "a", 0, 10);
    Span b = span(id(2), id(1), SERVER, "b", 0, 10);
    TraceTree tree = assertTimeoutPreemptively(NO_LOOPING, () -> build(a, b));
    assertEquals(1, tree.cyclesBroken());
    assertEquals(0, tree.rootSpans());
    assertEquals(0, tree.orphans());
    assertTrue(tree.root().isSynthetic());
    assertEquals(1, tree.root().children().size());
    assertEverySpanOnce(tree, List.of(a, b));
    assertTimeoutPreemptively(NO_LOOPING, () -> DependencyLinker.linksOf(List.of(a, b)));
  }

  /** A 3-cycle with a subtree below it: the subtree stays attached, every span once, one cut. */
  @Test
  void threeCycleWithSubtreeIsBroken() {
    Span a = span(id(1), id(3), SERVER, "a", 0, 100);
    Span b = span(id(2), id(1), SERVER, "b", 0, 100);
    Span c = span(id(3), id(2), SERVER, "c", 0, 100);
    Span d = span(id(4), id(2), CLIENT, "b", 10, 50);
    Span e = span(id(5), id(4), SERVER, "e", 20, 10);
    Span f = span(id(6), id(5), CLIENT, "e", 25, 1, "db", false);
    List<Span> all = List.of(a, b, c, d, e, f);
    TraceTree tree = assertTimeoutPreemptively(NO_LOOPING, () -> TraceTree.build(new ArrayList<>(all)));
    assertEquals(1, tree.cyclesBroken());
    assertEverySpanOnce(tree, all);
    SpanNode eNode = null;
    for (SpanNode n : tree.breadthFirst()) if (n.span().spanId() == id(5)) eNode = n;
    assertSame(d, eNode.parentSpan());
    assertTrue(DependencyLinker.linksOf(all).contains(new DependencyLink("e", "db", 1, 0)));
  }

  /** A cycle next to a valid root: the root stays the tree's root, the cut cycle hangs under it. */
  @Test
  void cycleNextToValidRootIsBroken() {
    Span root = span(id(1), 0, SERVER, "frontend", 0, 100);
    Span child = span(id(2), id(1), CLIENT, "frontend", 10, 10);
    Span p = span(id(3), id(4), SERVER, "p", 20, 10);
    Span q = span(id(4), id(3), SERVER, "q", 20, 10);
    List<Span> all = List.of(root, child, p, q);
    TraceTree tree = assertTimeoutPreemptively(NO_LOOPING, () -> TraceTree.build(new ArrayList<>(all)));
    assertEquals(1, tree.cyclesBroken());
    assertEquals(1, tree.rootSpans());
    assertSame(root, tree.root().span());
    assertEquals(2, tree.root().children().size());
    assertEverySpanOnce(tree, all);
  }

  /** Each separate cycle is cut once and counted. */
  @Test
  void cyclesBrokenCountsEachCycle() {
    List<Span> all = new ArrayList<>();
    for (int k = 0; k < 5; k++) { // five 2-cycles
      all.add(span(id(10 * k + 1), id(10 * k + 2), INTERNAL, "s", 0, 10));
      all.add(span(id(10 * k + 2), id(10 * k + 1), INTERNAL, "s", 0, 10));
    }
    all.add(span(id(100), 0, SERVER, "root", 0, 100));
    TraceTree tree = assertTimeoutPreemptively(NO_LOOPING, () -> TraceTree.build(new ArrayList<>(all)));
    assertEquals(5, tree.cyclesBroken());
    assertEverySpanOnce(tree, all);
  }

  /** A merge can create a cycle (a partial row adds a parent id); it is broken like any other. */
  @Test
  void cycleCreatedByMergeIsBroken() {
    Span a = span(id(1), 0, SERVER, "a", 0, 100);
    Span b = span(id(2), id(1), SERVER, "b", 10, 10);
    Span aWithParent = span(id(1), id(2), SERVER, "a", 0, 100);
    TraceTree tree = assertTimeoutPreemptively(NO_LOOPING, () -> build(a, b, aWithParent));
    assertEquals(1, tree.duplicatesMerged());
    assertEquals(1, tree.cyclesBroken());
    assertEverySpanOnce(tree, List.of(a, b));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Size: nothing may recurse, nothing may be quadratic

  private static final int MILLION = 1_000_000;

  /** One trace with a call chain a million deep: no StackOverflowError, and every hop is linked. */
  @Test
  void millionDeepRpcChain() {
    List<Span> spans = new ArrayList<>(MILLION);
    long t = TestTraces.TEN_AM_NANOS;
    for (int i = 0; i < MILLION; i++) {
      SpanKind kind = i % 2 == 0 ? SERVER : CLIENT;
      String service = "s" + (i / 2 % 3);
      spans.add(new Span(i + 1, i, service, "op", kind, t + i, t + 2L * MILLION - i, false, null));
    }
    Collections.shuffle(spans, new Random(1));
    List<DependencyLink> links = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      TraceTree tree = TraceTree.build(spans);
      assertEquals(MILLION, tree.spanCount());
      assertEquals(1, tree.rootSpans());
      int depth = 0;
      SpanNode n = tree.root();
      while (!n.children().isEmpty()) {
        n = n.children().get(0);
        depth++;
      }
      assertEquals(MILLION - 1, depth);
      return new DependencyLinker().putTrace(tree).links();
    });
    // 499,999 SERVER spans under a CLIENT: s0→s1, s1→s2, s2→s0 in turn
    assertEquals(List.of(
        new DependencyLink("s0", "s1", 166_667, 0),
        new DependencyLink("s1", "s2", 166_666, 0),
        new DependencyLink("s2", "s0", 166_666, 0)), links);
  }

  /**
   * A million-deep chain of INTERNAL spans between a SERVER and its leaf CLIENTs: every span's search for its
   * nearest remote ancestor climbs the same chain, which must not cost depth × spans.
   */
  @Test
  void millionDeepInternalChain() {
    List<Span> spans = new ArrayList<>(MILLION);
    long t = TestTraces.TEN_AM_NANOS;
    spans.add(new Span(1, 0, "frontend", "in", SERVER, t, t + 3L * MILLION, false, "lb"));
    int internals = MILLION - 1000;
    for (int i = 2; i <= internals; i++) {
      spans.add(new Span(i, i - 1, "frontend", "local", INTERNAL, t + i, t + 3L * MILLION - i, false, null));
    }
    // 999 leaf clients hanging at the bottom of the chain, plus a failed one
    for (int i = internals + 1; i < MILLION; i++) {
      spans.add(new Span(i, internals, "frontend", "query", CLIENT, t + i, t + i + 1, false, "db"));
    }
    spans.add(new Span(MILLION, internals, "frontend", "query", CLIENT, t + MILLION, t + MILLION + 1, true, "db"));
    List<DependencyLink> links = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> DependencyLinker.linksOf(spans));
    assertEquals(List.of(new DependencyLink("frontend", "db", 1000, 1), new DependencyLink("lb", "frontend", 1, 0)),
        links);
  }

  /** A million spans in a random, wide tree (each span's parent a random earlier span), with kinds mixed. */
  @Test
  void millionSpanRandomTree() {
    Random random = new Random(7);
    SpanKind[] kinds = {SERVER, CLIENT, INTERNAL, INTERNAL};
    List<Span> spans = new ArrayList<>(MILLION);
    long t = TestTraces.TEN_AM_NANOS;
    int[] childCount = new int[MILLION + 1]; // by span id
    for (int i = 1; i <= MILLION; i++) {
      int parent = i == 1 ? 0 : 1 + random.nextInt(i - 1);
      childCount[parent]++;
      spans.add(new Span(i, parent, "s" + random.nextInt(20), "op", kinds[random.nextInt(kinds.length)],
          t + i, t + i + 10, random.nextInt(10) == 0, random.nextInt(3) == 0 ? "peer" : null));
    }
    TraceTree tree = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> TraceTree.build(new ArrayList<>(spans)));
    assertEquals(MILLION, tree.spanCount());
    int count = 0;
    for (SpanNode node : tree.breadthFirst()) {
      assertEquals(childCount[(int) node.span().spanId()], node.children().size());
      count++;
    }
    assertEquals(MILLION, count);
    List<DependencyLink> links = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> new DependencyLinker().putTrace(tree).links());
    assertFalse(links.isEmpty());
  }

  /** A single parent cycle through a million spans is cut once, without recursion. */
  @Test
  void millionSpanCycle() {
    List<Span> spans = new ArrayList<>(MILLION);
    long t = TestTraces.TEN_AM_NANOS;
    for (int i = 1; i <= MILLION; i++) {
      long parent = i == 1 ? MILLION : i - 1;
      spans.add(new Span(i, parent, "s", "op", INTERNAL, t, t + 1, false, null));
    }
    TraceTree tree = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> TraceTree.build(spans));
    assertEquals(1, tree.cyclesBroken());
    int count = 0;
    for (SpanNode ignored : tree.breadthFirst()) count++;
    assertEquals(MILLION, count);
  }

  /**
   * A span read without a service name that runs inside its parent's process (CLIENT, PRODUCER, INTERNAL) is named
   * after its parent's service, down a chain of such spans. A SERVER, CONSUMER or UNSPECIFIED span without a name is
   * another process nobody named, and so stays; so do the spans under it, a nameless root, and an orphan (the root it
   * hangs under is not its parent).
   */
  @Test
  void inProcessSpansWithoutServiceAreNamedAfterTheirParent() {
    String none = Span.NO_SERVICE;
    TraceTree tree = build(
        span(id(1), 0, SERVER, "api", 0, 500),
        span(id(2), id(1), INTERNAL, none, 10, 400),
        span(id(3), id(2), CLIENT, none, 20, 100),
        span(id(4), id(1), SpanKind.PRODUCER, none, 30, 5),
        span(id(5), id(3), SERVER, none, 30, 50),
        span(id(6), id(5), CLIENT, none, 35, 10),
        span(id(7), id(5), INTERNAL, "worker", 36, 10),
        span(id(8), id(7), CLIENT, none, 37, 5),
        span(id(9), id(1), UNSPECIFIED, none, 40, 5),
        span(id(10), id(99) /* lost */, CLIENT, none, 50, 5));
    Map<Long, String> services = new java.util.HashMap<>();
    Map<Long, Boolean> attributed = new java.util.HashMap<>();
    for (SpanNode node : tree.breadthFirst()) {
      services.put(node.span().spanId(), node.span().service());
      attributed.put(node.span().spanId(), node.serviceAttributed());
    }
    assertEquals(Map.of(id(1), "api", id(2), "api", id(3), "api", id(4), "api", id(5), none, id(6), none,
        id(7), "worker", id(8), "worker", id(9), none, id(10), none), services);
    assertEquals(Set.of(id(2), id(3), id(4), id(8)),
        attributed.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
            .collect(java.util.stream.Collectors.toSet()));
    assertEquals(8, tree.spansWithoutService(), "counted whether named after their parent or not");

    TraceTree nameless = build(span(id(20), 0, SERVER, none, 0, 100), span(id(21), id(20), CLIENT, none, 10, 10));
    for (SpanNode node : nameless.breadthFirst()) assertFalse(node.span().hasService(), "a nameless root's CLIENT");
  }

  /**
   * The ancestor search that finds a span's caller: it looks through local spans and nameless SERVER and CONSUMER
   * spans, and stops at a span whose parent is missing, reporting the caller lost rather than taking the root.
   */
  @Test
  void callerSearchStopsAtLostParentsAndLooksThroughNamelessServers() {
    Span root = span(id(30), 0, SERVER, "frontend", 0, 500);
    Span client = span(id(31), id(30), CLIENT, "frontend", 10, 400);
    Span nameless = span(id(32), id(31), SERVER, Span.NO_SERVICE, 20, 300);
    Span local = span(id(33), id(32), INTERNAL, "backend", 25, 200);
    Span inner = span(id(34), id(33), CLIENT, "backend", 30, 50);
    Span orphan = span(id(35), id(98) /* lost */, INTERNAL, "email", 60, 100);
    Span underOrphan = span(id(36), id(35), CLIENT, "email", 70, 10);
    TraceTree tree = build(root, client, nameless, local, inner, orphan, underOrphan);
    Map<Long, SpanNode> nodes = new java.util.HashMap<>();
    for (SpanNode node : tree.breadthFirst()) nodes.put(node.span().spanId(), node);

    assertSame(client, nodes.get(id(34)).nearestRemoteAncestor(), "looks through the nameless SERVER");
    assertFalse(nodes.get(id(34)).callerLost());
    assertTrue(nodes.get(id(34)).namesLookedThroughProcess(), "the first backend CLIENT below names its process");
    assertTrue(nodes.get(id(32)).hopRecordedBelow());
    assertNull(nodes.get(id(36)).nearestRemoteAncestor(), "never the root it hangs under");
    assertTrue(nodes.get(id(36)).callerLost());
    assertTrue(nodes.get(id(35)).callerLost());
    assertSame(root, nodes.get(id(31)).nearestRemoteAncestor());
    assertNull(nodes.get(id(30)).nearestRemoteAncestor());
    assertFalse(nodes.get(id(30)).callerLost(), "a root has no caller span, but lost none");
  }
}
