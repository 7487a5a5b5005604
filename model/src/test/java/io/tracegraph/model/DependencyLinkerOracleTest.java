package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tracegraph.model.RandomTraces.GeneratedTrace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Style lesson 7: random span trees from a fixed seed, whose expected links {@link RandomTraces} wrote down while
 * building them, compared with {@link DependencyLinker} on shuffled input. It catches ordering, merge and rule bugs
 * the hand-written scenarios miss. A failure names the seed and the trace, so it can be replayed.
 */
class DependencyLinkerOracleTest {
  private static final long SEED = 0x7ace_9a4bL;
  private static final int TRACES = 2_000;

  /** Each trace alone, in three different row orders, gives exactly the links the generator expects. */
  @Test
  void eachRandomTraceGivesItsExpectedLinks() {
    List<GeneratedTrace> traces = RandomTraces.generate(SEED, TRACES);
    Random shuffler = new Random(SEED + 1);
    for (int i = 0; i < traces.size(); i++) {
      GeneratedTrace trace = traces.get(i);
      for (int round = 0; round < 3; round++) {
        List<Span> rows = new ArrayList<>(trace.spans());
        Collections.shuffle(rows, shuffler);
        assertEquals(trace.expectedLinks(), DependencyLinker.linksOf(rows),
            "seed " + SEED + ", trace " + i + ", round " + round + ": " + rows);
      }
    }
  }

  /** All traces through one linker give the sum of their expected links, whatever order the traces come in. */
  @Test
  void allRandomTracesTogetherGiveTheSum() {
    List<GeneratedTrace> traces = new ArrayList<>(RandomTraces.generate(SEED, TRACES));
    List<DependencyLink> expected = RandomTraces.totalExpectedLinks(traces);
    Collections.shuffle(traces, new Random(SEED + 2));
    DependencyLinker linker = new DependencyLinker();
    for (GeneratedTrace trace : traces) linker.putTrace(TraceTree.build(new ArrayList<>(trace.spans())));
    List<DependencyLink> actual = linker.links();
    if (!expected.equals(actual)) {
      List<DependencyLink> missing = new ArrayList<>(expected);
      missing.removeAll(actual);
      List<DependencyLink> unexpected = new ArrayList<>(actual);
      unexpected.removeAll(expected);
      fail("seed " + SEED + ": expected but missing " + missing + "; got instead " + unexpected);
    }
  }

  /** The same seed gives the same traces: the oracle is reproducible, also for the Spark job tests. */
  @Test
  void generatorIsDeterministic() {
    assertEquals(RandomTraces.generate(SEED, 50), RandomTraces.generate(SEED, 50));
  }

  /**
   * Guards the oracle against silently testing nothing: the generated traces do contain the situations the rules are
   * about (lost roots, spans lost under a root, spans without a service name, repeated rows, failures, messaging,
   * self links, case-different services).
   */
  @Test
  void generatedTracesCoverTheInterestingCases() {
    List<GeneratedTrace> traces = RandomTraces.generate(SEED, TRACES);
    int withDuplicates = 0;
    int withoutRoot = 0;
    int orphansUnderRoot = 0;
    int withoutServiceName = 0;
    int spans = 0;
    long errorLinks = 0;
    Set<String> linkParents = new HashSet<>();
    boolean selfLink = false;
    for (GeneratedTrace trace : traces) {
      Set<Long> ids = new HashSet<>();
      boolean hasRoot = false;
      boolean nameless = false;
      for (Span s : trace.spans()) {
        ids.add(s.spanId());
        if (!s.hasParent() && s.kind() != SpanKind.UNSPECIFIED) hasRoot = true;
        if (!s.hasService() && s.kind() != SpanKind.UNSPECIFIED) nameless = true; // not a partial row
      }
      boolean orphan = false;
      for (Span s : trace.spans()) orphan |= s.hasParent() && !ids.contains(s.parentId());
      if (hasRoot && orphan) orphansUnderRoot++;
      if (nameless) withoutServiceName++;
      spans += ids.size();
      if (ids.size() < trace.spans().size()) withDuplicates++;
      if (!hasRoot) withoutRoot++;
      for (DependencyLink l : trace.expectedLinks()) {
        linkParents.add(l.parent());
        errorLinks += l.errorCount();
        selfLink |= l.parent().equals(l.child());
      }
    }
    assertTrue(withDuplicates > 100, "traces with repeated rows: " + withDuplicates);
    assertTrue(withoutRoot > 100, "traces without root: " + withoutRoot);
    assertTrue(orphansUnderRoot > 100, "traces with orphans under their root: " + orphansUnderRoot);
    assertTrue(withoutServiceName > 100, "traces with spans without a service name: " + withoutServiceName);
    assertTrue(spans > 10 * TRACES, "spans: " + spans);
    assertTrue(errorLinks > 100, "errors: " + errorLinks);
    assertTrue(selfLink, "no self link generated");
    assertTrue(linkParents.containsAll(RandomTraces.BROKERS), "broker links: " + linkParents);
    assertTrue(linkParents.containsAll(RandomTraces.CALLERS), "caller links: " + linkParents);
    assertTrue(linkParents.contains("Auth-Service") && linkParents.contains("auth-service"), linkParents::toString);
  }
}
