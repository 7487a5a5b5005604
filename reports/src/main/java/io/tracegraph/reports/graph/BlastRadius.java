package io.tracegraph.reports.graph;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What breaks if a service fails: the vertices that depend on it transitively (every vertex with a path of calls to
 * it), and the entry points among them, the front doors whose requests can fail with it (an entry point that fails
 * is its own). Computed per vertex on first use by a reverse breadth-first search; results unmodifiable and sorted.
 */
public final class BlastRadius {
  private final ServiceGraph graph;
  private final ServiceDepths depths;
  private final Map<String, SortedSet<String>> dependents = new HashMap<>();

  public BlastRadius(ServiceGraph graph, ServiceDepths depths) {
    this.graph = Objects.requireNonNull(graph, "graph == null");
    this.depths = Objects.requireNonNull(depths, "depths == null");
  }

  /** Every other vertex that reaches {@code vertex} through calls, sorted. */
  public SortedSet<String> dependents(String vertex) {
    graph.stats(vertex); // validates the name
    return dependents.computeIfAbsent(vertex, this::search);
  }

  /** The entry points whose requests can reach {@code vertex}, itself included when it is one. */
  public SortedSet<String> entryPoints(String vertex) {
    TreeSet<String> affected = new TreeSet<>();
    for (String d : dependents(vertex)) if (depths.isEntryPoint(d)) affected.add(d);
    if (depths.isEntryPoint(vertex)) affected.add(vertex);
    return Collections.unmodifiableSortedSet(affected);
  }

  private SortedSet<String> search(String target) {
    TreeSet<String> seen = new TreeSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>(java.util.List.of(target));
    while (!queue.isEmpty()) {
      for (String caller : graph.callers(queue.poll())) {
        if (!caller.equals(target) && seen.add(caller)) queue.add(caller);
      }
    }
    return Collections.unmodifiableSortedSet(seen);
  }
}
