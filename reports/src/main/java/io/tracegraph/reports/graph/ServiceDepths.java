package io.tracegraph.reports.graph;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;

/**
 * Entry points and the depth of every vertex below them. Entry points are the vertices declared as such (where traces
 * start, when the entry-points table is known) plus every vertex nobody else calls; when a group of services only
 * calls each other (a cycle nobody enters), all of its members are entry points, so every vertex has a depth. The
 * depth is the fewest calls from any entry point (entry points have depth 0); self-calls are ignored. Lazy,
 * unmodifiable, sorted by name.
 */
public final class ServiceDepths {
  private final ServiceGraph graph;
  private SortedSet<String> entryPoints;
  private SortedMap<String, Integer> depths;

  public ServiceDepths(ServiceGraph graph) {
    this.graph = Objects.requireNonNull(graph, "graph == null");
  }

  public SortedSet<String> entryPoints() {
    if (entryPoints == null) {
      TreeSet<String> entries = new TreeSet<>();
      for (String v : graph.vertices()) if (graph.stats(v).entryPoint()) entries.add(v);
      // Sources of the condensation: components that no vertex outside them calls.
      for (Set<String> scc : new KosarajuStrongConnectivityInspector<>(graph.graph()).stronglyConnectedSets()) {
        boolean calledFromOutside = scc.stream().anyMatch(v -> graph.callers(v).stream().anyMatch(c -> !scc.contains(c)));
        if (!calledFromOutside) entries.addAll(scc);
      }
      entryPoints = Collections.unmodifiableSortedSet(entries);
    }
    return entryPoints;
  }

  public boolean isEntryPoint(String vertex) {
    return entryPoints().contains(vertex);
  }

  /** Depth of every vertex, by name. */
  public SortedMap<String, Integer> depths() {
    if (depths == null) {
      TreeMap<String, Integer> d = new TreeMap<>();
      ArrayDeque<String> queue = new ArrayDeque<>();
      for (String e : entryPoints()) {
        d.put(e, 0);
        queue.add(e);
      }
      while (!queue.isEmpty()) {
        String v = queue.poll();
        for (String next : graph.callees(v)) {
          if (!d.containsKey(next)) {
            d.put(next, d.get(v) + 1);
            queue.add(next);
          }
        }
      }
      depths = Collections.unmodifiableSortedMap(d);
    }
    return depths;
  }

  public int depth(String vertex) {
    Integer d = depths().get(vertex);
    if (d == null) throw new IllegalArgumentException("no such vertex: " + vertex);
    return d;
  }

  /** The greatest depth; 0 for a graph without edges, -1 for an empty graph. */
  public int maxDepth() {
    return depths().values().stream().mapToInt(Integer::intValue).max().orElse(-1);
  }

  /** Vertices at each depth, sorted by name. */
  public List<List<String>> byDepth() {
    List<List<String>> levels = new java.util.ArrayList<>();
    for (int i = 0; i <= maxDepth(); i++) levels.add(new java.util.ArrayList<>());
    depths().forEach((v, d) -> levels.get(d).add(v));
    return levels.stream().map(List::copyOf).toList();
  }
}
