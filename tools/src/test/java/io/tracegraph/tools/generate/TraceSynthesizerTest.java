package io.tracegraph.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.archive.SpanArchiveSchema;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.SpanKind;
import io.tracegraph.tools.generate.GenerationPlan.Kind;
import io.tracegraph.tools.generate.GenerationPlan.Slot;
import io.tracegraph.tools.generate.SyntheticTrace.LinkCount;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The generator's pure layer, without Spark: one trace at a time, in milliseconds. The Spark tests
 * ({@link GenerateJobTest}) check the same properties on the written Parquet.
 */
class TraceSynthesizerTest {
  static final LocalDate DAY = LocalDate.of(2026, 1, 5);
  static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
  static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");

  static GenerationPlan plan(ImperfectionMode mode, int tracesPerDay) {
    return new GenerationPlan(42, DAY.toEpochDay(), 1, tracesPerDay,
        mode == ImperfectionMode.REALISTIC ? Imperfections.crossingPerDay(tracesPerDay) : 0,
        mode == ImperfectionMode.REALISTIC);
  }

  static List<SyntheticTrace> traces(GenerationPlan plan) {
    List<SyntheticTrace> traces = new ArrayList<>();
    for (long i = 0; i < plan.slots(); i++) traces.add(TraceSynthesizer.synthesize(plan, plan.slot(i)));
    return traces;
  }

  /**
   * The world of the demo: 22 instrumented services and 13 uninstrumented peers (databases by namespace, the cache,
   * the broker, the load balancer and two external APIs), reached from five weighted entry points.
   */
  @Test
  void theWorldIsAWebShopOfAboutThirtyServices() {
    assertEquals(22, ShopWorld.services().size());
    assertEquals(List.of("GET /", "GET /product/{id}", "GET /search", "POST /cart", "POST /checkout"),
        ShopWorld.entries().stream().map(e -> e.operation().serverName()).toList());
    Set<String> nodes = new HashSet<>();
    for (SyntheticTrace trace : traces(plan(ImperfectionMode.NONE, 3000))) {
      for (LinkCount link : trace.links()) {
        nodes.add(link.parent());
        nodes.add(link.child());
      }
    }
    Set<String> peers = new HashSet<>(nodes);
    peers.removeAll(ShopWorld.services().keySet());
    // Databases are nodes by their system (the seven PostgreSQL namespaces are one node), as RemotePeer names them.
    assertEquals(Set.of("web-lb", "redis", "kafka", "payment-provider", "smtp-relay", "elasticsearch", "postgresql"),
        peers);
    assertTrue(nodes.containsAll(ShopWorld.services().keySet()), "every service is reached");
  }

  /** Determinism is per slot: the same slot gives the same rows, in any task, in any order. */
  @Test
  void sameSlotGivesTheSameRows() {
    GenerationPlan plan = plan(ImperfectionMode.REALISTIC, 500);
    for (long i : new long[] {0, 1, 250, plan.slots() - 1}) {
      List<Row> first = GeneratedRows.rowsOf(TraceSynthesizer.synthesize(plan, plan.slot(i)));
      List<Row> second = GeneratedRows.rowsOf(TraceSynthesizer.synthesize(plan, plan.slot(i)));
      assertEquals(first, second, "slot " + i);
    }
  }

  /** Each slot has its own stream: neighbouring traces and other seeds are different traces. */
  @Test
  void slotsAndSeedsGiveDifferentTraces() {
    GenerationPlan plan = plan(ImperfectionMode.NONE, 100);
    GenerationPlan other = new GenerationPlan(43, plan.firstEpochDay(), 1, 100, 0, false);
    Set<String> ids = new HashSet<>();
    for (long i = 0; i < 100; i++) {
      assertTrue(ids.add(TraceSynthesizer.synthesize(plan, plan.slot(i)).traceId(0)));
      assertTrue(ids.add(TraceSynthesizer.synthesize(other, other.slot(i)).traceId(0)));
    }
  }

  /**
   * The two modes share the structure stream: a realistic trace is the clean trace plus imperfections, so the same
   * slot has the same trace id, span ids, names and injected error in both.
   */
  @Test
  void imperfectionsDoNotDisturbTheStructure() {
    GenerationPlan none = plan(ImperfectionMode.NONE, 300);
    GenerationPlan realistic = plan(ImperfectionMode.REALISTIC, 300);
    for (int i = 0; i < 300; i++) {
      SyntheticTrace a = TraceSynthesizer.synthesize(none, new Slot(DAY.toEpochDay(), Kind.NORMAL, i));
      SyntheticTrace b = TraceSynthesizer.synthesize(realistic, new Slot(DAY.toEpochDay(), Kind.NORMAL, i));
      assertEquals(a.traceId(0), b.traceId(0));
      assertEquals(a.spans.size(), b.spans.size());
      for (int s = 0; s < a.spans.size(); s++) {
        assertEquals(a.spans.get(s).spanId, b.spans.get(s).spanId);
        assertEquals(a.spans.get(s).name, b.spans.get(s).name);
        assertEquals(a.spans.get(s).status, b.spans.get(s).status);
      }
      assertEquals(a.links(), b.links());
    }
  }

  /**
   * {@code --imperfections none}: lower-case ids of the right length, canonical kinds and statuses, every parent in
   * the trace, one root, every span inside the day, synchronous children inside their parents, consumers after
   * their producer, and every row reads with no drop and no repair.
   */
  @Test
  void noneModeGivesCompleteTreesThatReadWithoutRepair() {
    GenerationPlan plan = plan(ImperfectionMode.NONE, 2000);
    long dayStart = DAY.toEpochDay() * GenerationPlan.NANOS_PER_DAY;
    for (SyntheticTrace trace : traces(plan)) {
      List<Row> rows = GeneratedRows.rowsOf(trace);
      assertEquals(trace.spans.size(), rows.size());
      Set<String> ids = new HashSet<>();
      for (Row row : rows) ids.add(GeneratedRows.spanId(row));
      assertEquals(rows.size(), ids.size(), "span ids are distinct");
      int roots = 0;
      for (Row row : rows) {
        assertTrue(TRACE_ID.matcher(GeneratedRows.traceId(row)).matches());
        assertTrue(SPAN_ID.matcher(GeneratedRows.spanId(row)).matches());
        String parent = GeneratedRows.parentId(row);
        if (parent == null) roots++;
        else assertTrue(ids.contains(parent), "parent present");
        assertTrue(GeneratedRows.start(row) >= dayStart);
        assertTrue(GeneratedRows.end(row) < dayStart + GenerationPlan.NANOS_PER_DAY);
        assertEquals(DAY.toString(), GeneratedRows.date(row));
        ParsedRow parsed = GeneratedRows.parse(row);
        assertFalse(parsed.isDropped(), () -> "dropped: " + parsed.dropped());
        assertEquals(0, parsed.repairs(), "no repair");
      }
      assertEquals(1, roots, "one root");
      for (SyntheticSpan span : trace.spans) {
        if (span.parent == null) continue;
        if (span.kind == SpanKind.CONSUMER) {
          assertTrue(span.start >= span.parent.end, "a consumer starts after its producer");
        } else {
          assertTrue(span.start >= span.parent.start && span.end <= span.parent.end, "parent encloses child");
        }
      }
    }
  }

  /** Kinds and peers follow OpenTelemetry: CLIENT → SERVER with separate ids, leaf CLIENTs name their peer. */
  @Test
  void callsAreClientServerPairsAndLeavesNameTheirPeer() {
    GenerationPlan plan = plan(ImperfectionMode.NONE, 1000);
    Set<String> peers = new HashSet<>();
    for (SyntheticTrace trace : traces(plan)) {
      for (Row row : GeneratedRows.rowsOf(trace)) {
        ParsedRow parsed = GeneratedRows.parse(row);
        if (parsed.span().kind() == SpanKind.CLIENT && parsed.span().peer() != null) peers.add(parsed.span().peer());
      }
      for (SyntheticSpan span : trace.spans) {
        if (span.kind == SpanKind.SERVER && span.parent != null) {
          assertEquals(SpanKind.CLIENT, span.parent.kind);
          assertNotEquals(span.parent.service, span.service);
        }
        if (span.kind == SpanKind.CONSUMER) assertEquals(SpanKind.PRODUCER, span.parent.kind);
      }
    }
    assertTrue(peers.containsAll(List.of("postgresql", "redis", "payment-provider", "smtp-relay", "elasticsearch",
        "feature-flags", "catalog")), peers::toString);
  }

  /** The service everyone thinks is rare: every checkout evaluates feature flags. */
  @Test
  void checkoutAlwaysCallsFeatureFlags() {
    int checkouts = 0;
    for (SyntheticTrace trace : traces(plan(ImperfectionMode.NONE, 3000))) {
      for (SyntheticSpan span : trace.spans) {
        if (!span.service.equals(ShopWorld.CHECKOUT) || span.kind != SpanKind.SERVER) continue;
        checkouts++;
        boolean flags = span.children().stream().anyMatch(c -> c.kind == SpanKind.CLIENT
            && c.children().stream().anyMatch(s -> s.service.equals(ShopWorld.FEATURE_FLAGS)));
        assertTrue(flags, "checkout without feature-flags in " + trace.traceId(0));
      }
    }
    assertTrue(checkouts > 150, "checkouts: " + checkouts);
  }

  /**
   * The in-memory oracle: for clean traces, the links the generator recorded from its own calls equal what the
   * model's DependencyLinker derives from the rows, calls and errors alike.
   */
  @Test
  void intendedLinksEqualTheLinkerOnCleanTraces() {
    List<Row> rows = new ArrayList<>();
    List<DependencyLink> intended = new ArrayList<>();
    for (SyntheticTrace trace : traces(plan(ImperfectionMode.NONE, 3000))) {
      rows.addAll(GeneratedRows.rowsOf(trace));
      for (LinkCount l : trace.links()) {
        intended.add(new DependencyLink(l.parent(), l.child(), l.calls(), l.errors()));
      }
    }
    Map<LocalDate, List<DependencyLink>> byDay = GeneratedRows.linkerLinksByDay(rows);
    assertEquals(Set.of(DAY), byDay.keySet());
    List<DependencyLink> expected = GeneratedRows.sum(intended);
    assertEquals(expected, byDay.get(DAY));
    assertTrue(expected.stream().anyMatch(l -> l.errorCount() > 0), "some links fail");
    assertTrue(expected.stream().anyMatch(l -> l.parent().equals("kafka")), "consumers link from the broker");
    assertTrue(expected.stream().anyMatch(l -> l.parent().equals("web-lb")), "the load balancer calls frontend");
  }

  /**
   * An injected error starts at a deep span (never the root), fails a contiguous chain of its ancestors, and is
   * sometimes handled on the way: some errors reach the root, some do not.
   */
  @Test
  void errorsStartDeepAndPropagateUpUntilHandled() {
    int errors = 0;
    int reachedRoot = 0;
    Set<String> originServices = new HashSet<>();
    for (SyntheticTrace trace : traces(plan(ImperfectionMode.NONE, 4000))) {
      SyntheticSpan origin = trace.errorOrigin;
      long failed = trace.spans.stream().filter(SyntheticSpan::error).count();
      if (origin == null) {
        assertEquals(0, failed);
        continue;
      }
      errors++;
      originServices.add(origin.service);
      assertNotNull(origin.parent, "the origin is deep in the tree");
      assertTrue(origin.error());
      assertNotNull(origin.statusMessage);
      int chain = 1;
      for (SyntheticSpan s = origin.parent; s != null && s.error(); s = s.parent) chain++;
      assertEquals(failed, chain, "the failed spans are the origin and a chain of its ancestors");
      if (trace.root().error()) reachedRoot++;
    }
    assertTrue(errors > 100, "errors: " + errors);
    assertTrue(reachedRoot > 0 && reachedRoot < errors, "reached root " + reachedRoot + " of " + errors);
    assertTrue(originServices.containsAll(List.of("payment", "inventory")), originServices::toString);
  }

  /** The trace count comes from the world's expected trace size; the sample mean agrees with it. */
  @Test
  void meanTraceSizeMatchesTheWorldsExpectation() {
    long spans = 0;
    List<SyntheticTrace> traces = traces(plan(ImperfectionMode.NONE, 10_000));
    for (SyntheticTrace trace : traces) spans += trace.spans.size();
    double mean = spans / (double) traces.size();
    assertEquals(ShopWorld.meanSpansPerTrace(), mean, ShopWorld.meanSpansPerTrace() * 0.02);
  }

  /** Crossing traces start before midnight and have at least one span after it. */
  @Test
  void crossingTracesStraddleMidnight() {
    GenerationPlan plan = new GenerationPlan(42, DAY.toEpochDay(), 2, 100, 5, true);
    long midnight = (DAY.toEpochDay() + 1) * GenerationPlan.NANOS_PER_DAY;
    for (int i = 0; i < 5; i++) {
      SyntheticTrace trace = TraceSynthesizer.synthesize(plan, new Slot(DAY.toEpochDay(), Kind.CROSSING, i));
      assertTrue(trace.root().start < midnight);
      assertTrue(trace.spans.stream().anyMatch(s -> s.start >= midnight));
      assertEquals(DAY.toEpochDay(), trace.epochDay());
      List<Row> rows = GeneratedRows.rowsOf(trace);
      Set<String> dates = new HashSet<>();
      for (Row row : rows) dates.add(GeneratedRows.date(row));
      assertEquals(Set.of(DAY.toString(), DAY.plusDays(1).toString()), dates);
    }
  }

  /** The spill-over slots bring the previous day's crossing traces, but only their rows of the first day. */
  @Test
  void previousDaysCrossingTracesOnlyContributeRowsOfTheFirstDay() {
    GenerationPlan plan = plan(ImperfectionMode.REALISTIC, 4000);
    Slot spill = plan.slot(0);
    assertEquals(DAY.toEpochDay() - 1, spill.epochDay());
    assertEquals(Kind.CROSSING, spill.kind());
    SyntheticTrace trace = TraceSynthesizer.synthesize(plan, spill);
    List<Row> rows = GeneratedRows.rowsOf(trace);
    assertFalse(rows.isEmpty());
    for (Row row : rows) assertEquals(DAY.toString(), GeneratedRows.date(row));
    assertTrue(rows.size() < trace.spans.size(), "the spans before midnight belong to the previous day");
    List<Row> truth = new ArrayList<>();
    TraceSlotsToTruthRows.rows(trace, new HashMap<>(), truth);
    assertEquals(List.of(), truth, "the trace itself belongs to the day before");
    assertEquals(Set.of(DAY.toEpochDay()), trace.tallies().keySet(), "it counts only in the first day");
  }

  /** The showcase trace of a realistic day has one of each row fate, broken propagation and the skewed host. */
  @Test
  void showcaseCarriesEveryImperfection() {
    GenerationPlan plan = plan(ImperfectionMode.REALISTIC, 10);
    SyntheticTrace showcase = TraceSynthesizer.synthesize(plan, new Slot(DAY.toEpochDay(), Kind.SHOWCASE, 0));
    Set<RowFate> fates = EnumSet.noneOf(RowFate.class);
    for (SyntheticSpan span : showcase.spans) fates.add(span.fate);
    assertEquals(EnumSet.allOf(RowFate.class), fates);
    assertTrue(showcase.brokenPropagation);
    assertTrue(showcase.spans.stream().anyMatch(s -> s.skewed));
    assertNull(showcase.errorOrigin);
    List<String> flags = showcase.truths().get(0).flags();
    assertTrue(flags.containsAll(List.of("broken_propagation", "duplicate_row", "invalid_row", "lost_span",
        "respelled_row", "showcase", "skewed_span")), flags::toString);
    Map<String, Integer> spanIds = GeneratedRows.counts(GeneratedRows.rowsOf(showcase).stream()
        .map(r -> GeneratedRows.string(r, SpanArchiveSchema.SPAN_ID)).toList());
    assertEquals(1, spanIds.get(""), "one row with an empty span id");
  }

  /** Broken propagation splits off headless fragments: a new trace id, the parent id kept, the parent missing. */
  @Test
  void brokenPropagationMakesHeadlessFragments() {
    GenerationPlan plan = plan(ImperfectionMode.REALISTIC, 10);
    SyntheticTrace showcase = TraceSynthesizer.synthesize(plan, new Slot(DAY.toEpochDay(), Kind.SHOWCASE, 0));
    Map<String, List<Row>> byTrace = GeneratedRows.byTrace(GeneratedRows.rowsOf(showcase));
    assertEquals(1 + showcase.fragmentIds.size(), byTrace.size());
    for (Map.Entry<String, List<Row>> e : byTrace.entrySet()) {
      Set<String> ids = new HashSet<>();
      for (Row row : e.getValue()) ids.add(GeneratedRows.spanId(row).toLowerCase());
      long roots = e.getValue().stream().filter(r -> GeneratedRows.parentId(r) == null).count();
      if (e.getKey().equals(showcase.traceId(0))) {
        assertEquals(1, roots);
      } else {
        assertEquals(0, roots, "a fragment has no root");
        assertTrue(e.getValue().stream().anyMatch(r -> !ids.contains(GeneratedRows.parentId(r).toLowerCase())
            && GeneratedRows.string(r, SpanArchiveSchema.KIND).contains("SERVER")));
      }
    }
  }
}
