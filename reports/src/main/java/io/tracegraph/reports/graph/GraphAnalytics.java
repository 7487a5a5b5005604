package io.tracegraph.reports.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Everything the report computes on one day's graph, each part created on first use. */
public final class GraphAnalytics {
  private final ServiceGraph graph;
  private CallCycles cycles;
  private ServiceDepths depths;
  private BlastRadius blast;
  private Surprises surprises;
  private Map<String, NodeFacts> nodes;

  public GraphAnalytics(ServiceGraph graph) {
    this.graph = Objects.requireNonNull(graph, "graph == null");
  }

  public static GraphAnalytics of(GraphData data) {
    return new GraphAnalytics(new ServiceGraph(data));
  }

  public ServiceGraph graph() {
    return graph;
  }

  public CallCycles cycles() {
    if (cycles == null) cycles = new CallCycles(graph);
    return cycles;
  }

  public ServiceDepths depths() {
    if (depths == null) depths = new ServiceDepths(graph);
    return depths;
  }

  public BlastRadius blastRadius() {
    if (blast == null) blast = new BlastRadius(graph, depths());
    return blast;
  }

  public Surprises surprises() {
    if (surprises == null) surprises = new Surprises(graph, depths(), blastRadius());
    return surprises;
  }

  /** What the graph says about {@code vertex}. */
  public NodeFacts node(String vertex) {
    NodeFacts facts = nodeMap().get(vertex);
    if (facts == null) throw new IllegalArgumentException("no such vertex: " + vertex);
    return facts;
  }

  /** Every vertex's facts, in name order. */
  public List<NodeFacts> nodes() {
    return Collections.unmodifiableList(new ArrayList<>(nodeMap().values()));
  }

  private Map<String, NodeFacts> nodeMap() {
    if (nodes == null) {
      Map<String, NodeFacts> map = new LinkedHashMap<>();
      for (String v : graph.vertices()) map.put(v, facts(v));
      nodes = map;
    }
    return nodes;
  }

  private NodeFacts facts(String v) {
    ServiceStats s = graph.stats(v);
    List<String> callers = List.copyOf(graph.callers(v));
    List<String> callees = List.copyOf(graph.callees(v));
    return new NodeFacts(v, s.kind(), depths().isEntryPoint(v), depths().depth(v), callers.size(), callees.size(),
        graph.callsIn(v), graph.errorsIn(v), graph.callsOut(v), cycles().inCycle(v),
        blastRadius().dependents(v).size(), List.copyOf(blastRadius().entryPoints(v)), s.traces(),
        graph.data().reach(v), s.selfTimeMicros(), s.entryPoint(), callers, callees);
  }
}
