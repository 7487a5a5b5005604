package io.tracegraph.reports.graph.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Step 3: an edge spanning several columns gets a dummy point in each column it crosses, so that it is ordered like a
 * vertex and runs between vertices instead of through them. Points {@code 0..n-1} are the vertices, points from
 * {@code n} on the dummies; every segment joins points of adjacent columns.
 */
final class LongEdges {
  /** Per point (vertex or dummy), its column. */
  final List<Integer> layerOf = new ArrayList<>();
  /** Per DAG edge, its points from its DAG source to its DAG target. */
  final List<List<Integer>> chains = new ArrayList<>();
  /** Per point, the points its segments lead to in the next column, ascending. */
  final List<List<Integer>> segOut;
  /** Per point, the points its segments come from in the previous column, ascending. */
  final List<List<Integer>> segIn;

  LongEdges(int n, int[] layer, List<int[]> dag) {
    for (int i = 0; i < n; i++) layerOf.add(layer[i]);
    List<int[]> segments = new ArrayList<>();
    for (int[] e : dag) {
      List<Integer> chain = new ArrayList<>(List.of(e[0]));
      int prev = e[0];
      for (int l = layer[e[0]] + 1; l < layer[e[1]]; l++) {
        int d = layerOf.size();
        layerOf.add(l);
        segments.add(new int[] {prev, d});
        chain.add(d);
        prev = d;
      }
      segments.add(new int[] {prev, e[1]});
      chain.add(e[1]);
      chains.add(chain);
    }
    segOut = IndexedGraph.adjacency(points(), segments, false);
    segIn = IndexedGraph.adjacency(points(), segments, true);
  }

  /** Vertices and dummies. */
  int points() {
    return layerOf.size();
  }
}
