package io.tracegraph.reports.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;

/**
 * Call cycles between services: a design smell (a failure or a slow-down can feed back on itself, and neither side
 * can be deployed or scaled alone). Computed lazily on first use; results are unmodifiable and sorted.
 *
 * <ul>
 *   <li>{@link #components()}: the strongly connected components with two or more vertices, each sorted by name,
 *       ordered by their first name;</li>
 *   <li>{@link #cycles()}: for every vertex in such a component, one shortest cycle through it (ties broken by
 *       name), written starting at its smallest name, without repeats, ordered by length then names. This finds
 *       every mutual call A ⇄ B and a witness for every longer loop in time O(V·E), where listing all elementary
 *       cycles could take exponential time;</li>
 *   <li>{@link #selfCalls()}: vertices with an edge to themselves, which are not cycles between services.</li>
 * </ul>
 */
public final class CallCycles {
  private static final Comparator<List<String>> CYCLE_ORDER =
      Comparator.<List<String>>comparingInt(List::size).thenComparing(l -> String.join("\u0000", l));

  private final ServiceGraph graph;
  private List<List<String>> components;
  private List<List<String>> cycles;

  public CallCycles(ServiceGraph graph) {
    this.graph = Objects.requireNonNull(graph, "graph == null");
  }

  public List<List<String>> components() {
    if (components == null) {
      List<List<String>> found = new ArrayList<>();
      for (Set<String> scc : new KosarajuStrongConnectivityInspector<>(graph.graph()).stronglyConnectedSets()) {
        if (scc.size() > 1) found.add(List.copyOf(new TreeSet<>(scc)));
      }
      found.sort(Comparator.comparing(l -> l.get(0)));
      components = Collections.unmodifiableList(found);
    }
    return components;
  }

  /** True when {@code vertex} lies on a cycle between services. */
  public boolean inCycle(String vertex) {
    return components().stream().anyMatch(c -> c.contains(vertex));
  }

  public List<List<String>> cycles() {
    if (cycles == null) {
      Set<List<String>> found = new LinkedHashSet<>();
      for (List<String> component : components()) {
        Set<String> members = Set.copyOf(component);
        for (String v : component) found.add(canonical(shortestCycleThrough(v, members)));
      }
      List<List<String>> sorted = new ArrayList<>(found);
      sorted.sort(CYCLE_ORDER);
      cycles = Collections.unmodifiableList(sorted);
    }
    return cycles;
  }

  /** Vertices that call themselves, sorted. */
  public List<String> selfCalls() {
    return graph.selfCalls().stream().map(CallEdge::parent).toList();
  }

  /** Breadth-first from {@code start} back to it inside its component, callees visited in name order. */
  private List<String> shortestCycleThrough(String start, Set<String> members) {
    Map<String, String> cameFrom = new HashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String v = queue.poll();
      for (String next : graph.callees(v)) {
        if (!members.contains(next)) continue;
        if (next.equals(start)) {
          List<String> path = new ArrayList<>();
          for (String p = v; p != null; p = cameFrom.get(p)) path.add(p);
          Collections.reverse(path);
          return path;
        }
        if (!cameFrom.containsKey(next)) {
          cameFrom.put(next, v);
          queue.add(next);
        }
      }
    }
    throw new IllegalStateException("no cycle through " + start + " in its strongly connected component");
  }

  /** The cycle rotated to start at its smallest name. */
  private static List<String> canonical(List<String> cycle) {
    int min = 0;
    for (int i = 1; i < cycle.size(); i++) if (cycle.get(i).compareTo(cycle.get(min)) < 0) min = i;
    List<String> rotated = new ArrayList<>(cycle.size());
    for (int i = 0; i < cycle.size(); i++) rotated.add(cycle.get((min + i) % cycle.size()));
    return List.copyOf(rotated);
  }
}
