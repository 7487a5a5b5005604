package io.tracegraph.reports.graph;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The day's service graph as data: every edge with its statistics and every vertex with what is known about it. It is
 * built from the dependency links plus whatever per-edge and per-service tables exist, so it is richer when more
 * tables are present. Edges are sorted by parent then child and unique; every edge endpoint has a vertex entry
 * (kind {@link NodeKind#UNKNOWN} when none was given); vertices without edges are kept.
 *
 * @param date the UTC day
 * @param traces the day's traces (the denominator of reach), or {@code null} when unknown
 * @param edges one entry per parent → child
 * @param services one entry per vertex, by name
 */
public record GraphData(LocalDate date, Long traces, List<CallStats> edges, SortedMap<String, ServiceStats> services) {
  public GraphData {
    Objects.requireNonNull(date, "date == null");
    if (traces != null && traces < 0) throw new IllegalArgumentException("traces=" + traces);
    List<CallStats> sorted = new ArrayList<>(edges);
    sorted.sort(CallStats.ORDER);
    for (int i = 1; i < sorted.size(); i++) {
      if (CallStats.ORDER.compare(sorted.get(i - 1), sorted.get(i)) == 0) {
        throw new IllegalArgumentException("edge listed twice: " + sorted.get(i).parent() + " -> "
            + sorted.get(i).child());
      }
    }
    TreeMap<String, ServiceStats> vertices = new TreeMap<>();
    services.forEach((name, stats) -> {
      if (!name.equals(stats.name())) throw new IllegalArgumentException("service " + name + " has stats of " + stats.name());
      vertices.put(name, stats);
    });
    for (CallStats e : sorted) {
      vertices.computeIfAbsent(e.parent(), n -> ServiceStats.of(n, NodeKind.UNKNOWN));
      vertices.computeIfAbsent(e.child(), n -> ServiceStats.of(n, NodeKind.UNKNOWN));
    }
    edges = List.copyOf(sorted);
    services = Collections.unmodifiableSortedMap(vertices);
  }

  /**
   * The graph of a nightly run: edges from the links, vertices that wrote spans are services and the other
   * endpoints are peers. Instrumented services without any edge are kept as isolated vertices.
   */
  public static GraphData of(LocalDate date, Long traces, Collection<CallStats> edges, Set<String> instrumented) {
    Map<String, ServiceStats> services = new TreeMap<>();
    for (String s : instrumented) services.put(s, ServiceStats.of(s, NodeKind.SERVICE));
    for (CallStats e : edges) {
      for (String v : List.of(e.parent(), e.child())) {
        services.computeIfAbsent(v, n -> ServiceStats.of(n, NodeKind.PEER));
      }
    }
    return new GraphData(date, traces, List.copyOf(edges), new TreeMap<>(services));
  }

  /** The same graph with these vertex statistics in place of the current ones (for richer tables as they land). */
  public GraphData withServices(Collection<ServiceStats> stats) {
    TreeMap<String, ServiceStats> merged = new TreeMap<>(services);
    for (ServiceStats s : stats) merged.put(s.name(), s);
    return new GraphData(date, traces, edges, merged);
  }

  /** The edge parent → child, or {@code null}. */
  public CallStats edge(String parent, String child) {
    for (CallStats e : edges) if (e.parent().equals(parent) && e.child().equals(child)) return e;
    return null;
  }

  public long totalCalls() {
    return edges.stream().mapToLong(CallStats::calls).sum();
  }

  public long totalErrors() {
    return edges.stream().mapToLong(CallStats::errors).sum();
  }

  /** True when any edge has latency percentiles. */
  public boolean hasLatency() {
    return edges.stream().anyMatch(e -> e.latency() != null);
  }

  /** True when any edge has calls per hour. */
  public boolean hasHourlyCalls() {
    return edges.stream().anyMatch(e -> e.callsPerHour() != null);
  }

  /** True when reach can be computed: the day's trace count and some service's trace count are known. */
  public boolean hasReach() {
    return traces != null && traces > 0 && services.values().stream().anyMatch(s -> s.traces() != null);
  }

  /** Share of the day's traces that touch {@code service}, or {@code null} when unknown. */
  public Double reach(String service) {
    ServiceStats s = services.get(service);
    if (s == null || s.traces() == null || traces == null || traces == 0) return null;
    return s.traces() / (double) traces;
  }
}
