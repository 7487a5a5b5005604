package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.SERVER;
import static io.tracegraph.model.TestTraces.span;
import static io.tracegraph.model.TestTraces.spanId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Error origins: where errors start, where they surface, how far they travel, and who only passed them on. */
class ErrorOriginsTest {
  private static AdjustedTrace adjusted(List<Span> spans) {
    return ClockSkewAdjuster.withDefaults().adjust(TraceTree.build(new ArrayList<>(spans)));
  }

  static List<ErrorScenarios.Scenario> scenarios() {
    return ErrorScenarios.all();
  }

  /** Each hand-built case gives exactly its expected origins, surfacing spans, roots and hops. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void handBuiltCasesGiveTheirOrigins(ErrorScenarios.Scenario scenario) {
    List<ErrorScenarios.Expected> found = new ArrayList<>();
    for (ErrorOrigins.Origin o : ErrorOrigins.originsOf(adjusted(scenario.spans()))) {
      found.add(new ErrorScenarios.Expected(o.origin().service(), o.origin().name(), o.surfaced().service(),
          o.surfaced().name(), o.root().service(), o.root().name(), o.reachedRoot(), o.hops()));
    }
    assertEquals(scenario.origins(), found);
  }

  /** Rows per path, per service and the day totals, over the four hand-built cases together. */
  @Test
  void accumulatorCountsPathsServicesAndHandledTraces() {
    ErrorOrigins errors = new ErrorOrigins();
    long high = 7;
    for (ErrorScenarios.Scenario s : ErrorScenarios.all()) errors.add(high, high++, adjusted(s.spans()));
    errors.add(99, 99, adjusted(TestTraces.acceptanceScenarios().get(1).spans())); // no error: not counted

    assertEquals(Map.of("failed_traces", 4L, "failed_traces_root_error", 3L, "failed_traces_handled", 1L,
        "origin_spans", 5L), errors.totals());
    Map<String, ErrorOrigins.ServiceRow> services = new HashMap<>();
    for (ErrorOrigins.ServiceRow r : errors.serviceRows()) services.put(r.service(), r);
    // frontend originated one error (the timeout) and passed two on (deep origin, two branches); handled_midway
    // had no error on frontend at all.
    assertEquals(new ErrorOrigins.ServiceRow("frontend", 2 + 3 + 2, 1, 1, 1, 2), services.get("frontend"));
    // checkout only passed errors on: in deep_origin (2 spans) and handled_midway (its CLIENT).
    assertEquals(new ErrorOrigins.ServiceRow("checkout", 3, 0, 0, 0, 2), services.get("checkout"));
    // inventory originated twice (two_failing_branches reached the root, handled_midway did not).
    assertEquals(new ErrorOrigins.ServiceRow("inventory", 4, 2, 1, 2, 0), services.get("inventory"));
    assertFalse(services.containsKey("backend"), "the slow backend did not fail");

    ErrorOrigins.PathRow handled = errors.pathRows().stream()
        .filter(r -> !r.path().reachedRoot()).findFirst().orElseThrow();
    assertEquals("checkout", handled.path().surfacedService());
    assertEquals(1, handled.traces());
    assertEquals(List.of(HexIds.toHex(9, 9)), handled.exampleTraceIds());
  }

  /** Two origins of the same path in one trace: one trace, two origins. */
  @Test
  void repeatedPathInOneTraceCountsOneTraceAndEveryOrigin() {
    List<Span> spans = List.of(
        span(spanId(1, 1), 0, SERVER, "frontend", 0, 100, null, true),
        span(spanId(1, 2), spanId(1, 1), CLIENT, "frontend", 10, 20, "db", true),
        span(spanId(1, 3), spanId(1, 1), CLIENT, "frontend", 40, 20, "db", true));
    ErrorOrigins errors = new ErrorOrigins().add(1, 1, adjusted(spans));
    assertEquals(1, errors.pathRows().size());
    assertEquals(1, errors.pathRows().get(0).traces());
    assertEquals(2, errors.pathRows().get(0).origins());
  }

  /**
   * Without a single root (root lost), the top of each branch is the top-level span above the origin; an error that
   * surfaced there reached it.
   */
  @Test
  void headlessTraceUsesTheTopOfTheBranch() {
    List<Span> spans = List.of(
        span(spanId(2, 2), spanId(2, 1) /* lost */, SERVER, "checkout", 10, 100, null, true),
        span(spanId(2, 3), spanId(2, 2), CLIENT, "checkout", 20, 50, "db", true),
        span(spanId(2, 4), spanId(2, 1) /* lost */, SERVER, "cart", 30, 100));
    List<ErrorOrigins.Origin> origins = ErrorOrigins.originsOf(adjusted(spans));
    assertEquals(1, origins.size());
    assertEquals(spanId(2, 2), origins.get(0).root().spanId());
    assertTrue(origins.get(0).reachedRoot());
    assertEquals(0, origins.get(0).hops());
  }

  /**
   * Oracle: on random trees with random failures, the origins are exactly the failing spans without a failing
   * descendant, found by a walk written independently of the class (descendant sets from parent pointers).
   */
  @Test
  void originsMatchAnIndependentWalkOnRandomTrees() {
    Random random = new Random(17);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(40);
      List<Span> spans = new ArrayList<>();
      long[] ids = new long[n];
      long[] parents = new long[n];
      boolean[] error = new boolean[n];
      for (int i = 0; i < n; i++) {
        ids[i] = spanId(round, i + 1);
        parents[i] = i == 0 ? 0 : ids[random.nextInt(i)];
        error[i] = random.nextInt(4) == 0;
        spans.add(span(ids[i], parents[i], i % 2 == 0 ? SERVER : CLIENT, "s" + random.nextInt(4), i, 1000 - 2L * i,
            null, error[i]));
      }
      Set<Long> expected = new HashSet<>();
      for (int i = 0; i < n; i++) {
        if (!error[i]) continue;
        boolean failingDescendant = false;
        for (int j = 0; j < n && !failingDescendant; j++) {
          if (j == i || !error[j]) continue;
          for (long a = parents[j]; a != 0; a = parents[indexOf(ids, a)]) {
            if (a == ids[i]) {
              failingDescendant = true;
              break;
            }
          }
        }
        if (!failingDescendant) expected.add(ids[i]);
      }
      Set<Long> found = new HashSet<>();
      for (ErrorOrigins.Origin o : ErrorOrigins.originsOf(adjusted(spans))) found.add(o.origin().spanId());
      assertEquals(expected, found, "round " + round);
    }
  }

  private static int indexOf(long[] ids, long id) {
    for (int i = 0; i < ids.length; i++) if (ids[i] == id) return i;
    throw new IllegalArgumentException();
  }

  /** Partial accumulators merged in any order equal the whole. */
  @Test
  void mergeEqualsWhole() {
    List<RandomTraces.GeneratedTrace> traces = RandomTraces.generate(5, 400);
    ErrorOrigins whole = new ErrorOrigins();
    ErrorOrigins a = new ErrorOrigins();
    ErrorOrigins b = new ErrorOrigins();
    for (int i = 0; i < traces.size(); i++) {
      AdjustedTrace t = adjusted(traces.get(i).spans());
      whole.add(i, i, t);
      (i % 3 == 0 ? a : b).add(i, i, t);
    }
    ErrorOrigins merged = new ErrorOrigins().merge(b).merge(a);
    assertEquals(whole.totals(), merged.totals());
    assertEquals(whole.serviceRows(), merged.serviceRows());
    assertEquals(whole.pathRows(), merged.pathRows());
    assertTrue(whole.totals().get("failed_traces") > 100, "random traces fail often: " + whole.totals());
  }

  /** A chain of a million failing spans: one origin at the bottom, a million minus one hops up; no recursion. */
  @Test
  void millionSpanFailingChain() {
    int n = 1_000_000;
    List<Span> spans = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      spans.add(new Span(i + 1, i, "s" + (i % 2), "op", i % 2 == 0 ? SERVER : CLIENT, 1_000L + i,
          1_000L + 2L * n - i, true, null));
    }
    List<ErrorOrigins.Origin> origins = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> ErrorOrigins.originsOf(adjusted(spans)));
    assertEquals(1, origins.size());
    assertEquals(n, origins.get(0).origin().spanId());
    assertEquals(n - 1, origins.get(0).hops());
    assertTrue(origins.get(0).reachedRoot());
  }

  /**
   * An error that starts in a span without a service name is kept, with a null service (never an invented name); a
   * nameless CLIENT failing inside checkout is checkout's (named after its parent).
   */
  @Test
  void originsWithoutServiceNameHaveANullService() {
    List<Span> trace = List.of(
        span(spanId(60, 1), 0, SERVER, "frontend", 0, 300, null, true),
        span(spanId(60, 2), spanId(60, 1), CLIENT, "frontend", 10, 200, null, true),
        span(spanId(60, 3), spanId(60, 2), SERVER, Span.NO_SERVICE, 20, 100, null, true),
        span(spanId(60, 4), spanId(60, 1), CLIENT, Span.NO_SERVICE, 220, 50, "db", true));
    ErrorOrigins errors = new ErrorOrigins().add(1, 1, adjusted(trace));
    List<ErrorOrigins.ErrorPath> paths = errors.pathRows().stream().map(ErrorOrigins.PathRow::path).toList();
    assertEquals(List.of(
        new ErrorOrigins.ErrorPath(null, "server ", "frontend", "server frontend", "frontend", "server frontend",
            true, 1),
        new ErrorOrigins.ErrorPath("frontend", "client ", "frontend", "server frontend", "frontend",
            "server frontend", true, 0)), paths);
    assertEquals(java.util.Arrays.asList(null, "frontend"),
        errors.serviceRows().stream().map(ErrorOrigins.ServiceRow::service).toList());
  }
}
