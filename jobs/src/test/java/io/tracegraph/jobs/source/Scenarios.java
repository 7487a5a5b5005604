package io.tracegraph.jobs.source;

import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every acceptance scenario of {@link TestTraces} as one day of traces, to write in another tool's format: a source
 * or importer that maps the format correctly gives exactly the scenarios' links, summed.
 */
public final class Scenarios {
  private Scenarios() {}

  /** One trace to write: its 32-hex id and its spans. */
  public record Trace(String traceId, List<Span> spans) {}

  /**
   * The traces; trace 0 has a trace id with leading zero bytes (Tempo's TraceIDText would drop them), the others
   * {@link TestTraces#traceIdHex}.
   */
  public static List<Trace> traces() {
    List<Trace> traces = new ArrayList<>();
    List<TestTraces.Scenario> scenarios = TestTraces.acceptanceScenarios();
    for (int i = 0; i < scenarios.size(); i++) {
      String id = i == 0 ? "0000000000000000000a0b0c0d0e0f10" : TestTraces.traceIdHex(i);
      traces.add(new Trace(id, scenarios.get(i).spans()));
    }
    return traces;
  }

  /** The links of all scenarios together, sorted. */
  public static List<DependencyLink> expectedLinks() {
    Map<List<String>, DependencyLink> sum = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
        ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));
    for (TestTraces.Scenario s : TestTraces.acceptanceScenarios()) {
      for (DependencyLink l : s.expectedLinks()) sum.merge(List.of(l.parent(), l.child()), l, DependencyLink::plus);
    }
    List<DependencyLink> links = new ArrayList<>(sum.values());
    links.sort(DependencyLink.ORDER);
    return links;
  }
}
