package io.tracegraph.reports.graph.layout;

import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Step 2: longest-path layering. Visiting the DAG in topological order (Kahn's algorithm, smallest index first), each
 * vertex goes one column right of its rightmost predecessor, so every edge points one or more columns to the right
 * and vertices nobody calls are in the first column.
 */
final class Layering {
  /** Per vertex, its column (0 is the leftmost). */
  final int[] layer;
  /** How many columns there are. */
  final int layers;

  Layering(int n, List<int[]> dag) {
    layer = new int[n];
    int[] indegree = new int[n];
    List<List<Integer>> dagOut = IndexedGraph.adjacency(n, dag, false);
    for (int[] e : dag) indegree[e[1]]++;
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) if (indegree[i] == 0) ready.add(i);
    while (!ready.isEmpty()) {
      int v = ready.poll();
      for (int c : dagOut.get(v)) {
        layer[c] = Math.max(layer[c], layer[v] + 1);
        if (--indegree[c] == 0) ready.add(c);
      }
    }
    layers = n == 0 ? 0 : Arrays.stream(layer).max().getAsInt() + 1;
  }
}
