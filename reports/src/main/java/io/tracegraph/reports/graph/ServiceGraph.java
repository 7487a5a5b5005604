package io.tracegraph.reports.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.graph.builder.GraphTypeBuilder;

/**
 * The day's service graph as a JGraphT graph: vertices are service and peer names, edges are {@link CallEdge}s. The
 * graph is directed, has at most one edge per parent → child and <b>allows self-loops</b>: a service calling itself
 * (A → A) is a real link the nightly job keeps, and the report lists it as a self-call rather than dropping it. Self-
 * loops never count towards fan-in, fan-out, depth or cycles between services.
 *
 * <p>Vertices and edges are inserted in sorted order, so every iteration over the graph is deterministic.
 */
public final class ServiceGraph {
  private final GraphData data;
  private final Graph<String, CallEdge> graph;
  private final Map<String, Map<String, CallEdge>> byEndpoints = new HashMap<>();

  public ServiceGraph(GraphData data) {
    this.data = Objects.requireNonNull(data, "data == null");
    Graph<String, CallEdge> g = GraphTypeBuilder.<String, CallEdge>directed()
        .allowingSelfLoops(true)
        .allowingMultipleEdges(false)
        .weighted(false)
        .buildGraph();
    data.services().keySet().forEach(g::addVertex);
    for (CallStats stats : data.edges()) {
      CallEdge edge = new CallEdge(stats);
      g.addEdge(stats.parent(), stats.child(), edge);
      byEndpoints.computeIfAbsent(stats.parent(), k -> new HashMap<>()).put(stats.child(), edge);
    }
    this.graph = new AsUnmodifiableGraph<>(g);
  }

  public GraphData data() {
    return data;
  }

  /** The graph itself, unmodifiable. */
  public Graph<String, CallEdge> graph() {
    return graph;
  }

  /** Every vertex, sorted by name. */
  public List<String> vertices() {
    return List.copyOf(data.services().keySet());
  }

  /** Every edge, sorted by parent then child. */
  public List<CallEdge> edges() {
    List<CallEdge> edges = new ArrayList<>(graph.edgeSet());
    edges.sort((a, b) -> CallStats.ORDER.compare(a.stats(), b.stats()));
    return Collections.unmodifiableList(edges);
  }

  public NodeKind kind(String vertex) {
    return stats(vertex).kind();
  }

  public ServiceStats stats(String vertex) {
    ServiceStats s = data.services().get(vertex);
    if (s == null) throw new IllegalArgumentException("no such vertex: " + vertex);
    return s;
  }

  /** The edge parent → child, or {@code null}. */
  public CallEdge edge(String parent, String child) {
    Map<String, CallEdge> out = byEndpoints.get(parent);
    return out == null ? null : out.get(child);
  }

  /** Distinct other vertices that call {@code vertex}, sorted. */
  public SortedSet<String> callers(String vertex) {
    TreeSet<String> callers = new TreeSet<>();
    for (CallEdge e : graph.incomingEdgesOf(vertex)) if (!e.parent().equals(vertex)) callers.add(e.parent());
    return Collections.unmodifiableSortedSet(callers);
  }

  /** Distinct other vertices that {@code vertex} calls, sorted. */
  public SortedSet<String> callees(String vertex) {
    TreeSet<String> callees = new TreeSet<>();
    for (CallEdge e : graph.outgoingEdgesOf(vertex)) if (!e.child().equals(vertex)) callees.add(e.child());
    return Collections.unmodifiableSortedSet(callees);
  }

  /** Number of distinct callers, itself excluded. */
  public int fanIn(String vertex) {
    return callers(vertex).size();
  }

  /** Number of distinct callees, itself excluded. */
  public int fanOut(String vertex) {
    return callees(vertex).size();
  }

  /** Calls received, self-calls included: the vertex's traffic. */
  public long callsIn(String vertex) {
    return graph.incomingEdgesOf(vertex).stream().mapToLong(CallEdge::calls).sum();
  }

  /** Failed calls received, self-calls included. */
  public long errorsIn(String vertex) {
    return graph.incomingEdgesOf(vertex).stream().mapToLong(CallEdge::errors).sum();
  }

  /** Calls made, self-calls included. */
  public long callsOut(String vertex) {
    return graph.outgoingEdgesOf(vertex).stream().mapToLong(CallEdge::calls).sum();
  }

  /** The edges A → A, sorted. */
  public List<CallEdge> selfCalls() {
    return edges().stream().filter(e -> e.parent().equals(e.child())).toList();
  }
}
