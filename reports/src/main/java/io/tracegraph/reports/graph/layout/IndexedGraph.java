package io.tracegraph.reports.graph.layout;

import io.tracegraph.reports.graph.CallEdge;
import io.tracegraph.reports.graph.ServiceGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service graph as the layout's steps see it: vertex {@code i} is the i-th name in name order, and the edges
 * are index pairs in the graph's edge order (by parent, then child), self-loops left out (the renderer draws those
 * as a loop on their node).
 */
final class IndexedGraph {
  final List<String> names;
  final Map<String, Integer> index = new HashMap<>();
  /** {source, target} of every edge that is not a self-loop. */
  final List<int[]> edges = new ArrayList<>();

  IndexedGraph(ServiceGraph graph) {
    this.names = graph.vertices();
    for (int i = 0; i < names.size(); i++) index.put(names.get(i), i);
    for (CallEdge e : graph.edges()) {
      int s = index.get(e.parent());
      int t = index.get(e.child());
      if (s != t) edges.add(new int[] {s, t});
    }
  }

  int size() {
    return names.size();
  }

  /** Per vertex, its successors ({@code reverse}: predecessors) along {@code edges}, ascending. */
  static List<List<Integer>> adjacency(int size, List<int[]> edges, boolean reverse) {
    List<List<Integer>> adj = new ArrayList<>(size);
    for (int i = 0; i < size; i++) adj.add(new ArrayList<>());
    for (int[] e : edges) adj.get(reverse ? e[1] : e[0]).add(reverse ? e[0] : e[1]);
    for (List<Integer> l : adj) Collections.sort(l);
    return adj;
  }
}
