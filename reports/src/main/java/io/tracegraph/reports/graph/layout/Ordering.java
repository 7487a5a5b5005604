package io.tracegraph.reports.graph.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 4: the order of the points in each column. It starts from the order in which step 1's search discovered the
 * vertices (related vertices together; dummies after them), then sweeps right and left, sorting each column by the
 * mean position of its points' neighbours in the column before (barycentric ordering). The order with the fewest
 * crossings seen is kept.
 */
final class Ordering {
  private static final int SWEEPS = 24;

  /** Per column, its points from top to bottom. */
  final List<List<Integer>> columns;
  /** Crossings between segments of adjacent columns in that order. */
  final int crossings;

  Ordering(int n, Layering layering, LongEdges longEdges, List<Integer> discovery) {
    int layers = layering.layers;
    int total = longEdges.points();
    List<List<Integer>> columns = new ArrayList<>();
    for (int l = 0; l < layers; l++) columns.add(new ArrayList<>());
    int[] rank = new int[n];
    for (int i = 0; i < discovery.size(); i++) rank[discovery.get(i)] = i;
    List<Integer> realOrder = new ArrayList<>();
    for (int i = 0; i < n; i++) realOrder.add(i);
    realOrder.sort(Comparator.comparingInt(v -> rank[v]));
    for (int v : realOrder) columns.get(layering.layer[v]).add(v);
    for (int d = n; d < total; d++) columns.get(longEdges.layerOf.get(d)).add(d);
    double[] pos = new double[total];
    positions(columns, pos);
    List<List<Integer>> best = copy(columns);
    int bestCrossings = crossings(columns, longEdges.segOut, pos);
    for (int sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
      boolean forward = sweep % 2 == 0;
      for (int k = 1; k < layers; k++) {
        int l = forward ? k : layers - 1 - k;
        List<List<Integer>> neighbours = forward ? longEdges.segIn : longEdges.segOut;
        List<Integer> column = columns.get(l);
        Map<Integer, Double> bary = new HashMap<>();
        for (int v : column) {
          List<Integer> ns = neighbours.get(v);
          bary.put(v, ns.isEmpty() ? pos[v] : ns.stream().mapToDouble(u -> pos[u]).average().getAsDouble());
        }
        column.sort(Comparator.comparingDouble((Integer v) -> bary.get(v)).thenComparingDouble(v -> pos[v]));
        positions(columns, pos);
      }
      int c = crossings(columns, longEdges.segOut, pos);
      if (c < bestCrossings) {
        bestCrossings = c;
        best = copy(columns);
      }
    }
    this.columns = best;
    this.crossings = bestCrossings;
  }

  private static void positions(List<List<Integer>> columns, double[] pos) {
    for (List<Integer> column : columns) for (int i = 0; i < column.size(); i++) pos[column.get(i)] = i;
  }

  /** Segment pairs between adjacent columns whose ends are in opposite orders. */
  private static int crossings(List<List<Integer>> columns, List<List<Integer>> out, double[] pos) {
    int count = 0;
    for (int l = 0; l + 1 < columns.size(); l++) {
      List<double[]> segs = new ArrayList<>();
      for (int v : columns.get(l)) for (int c : out.get(v)) segs.add(new double[] {pos[v], pos[c]});
      for (int a = 0; a < segs.size(); a++) {
        for (int b = a + 1; b < segs.size(); b++) {
          double[] s = segs.get(a);
          double[] t = segs.get(b);
          if ((s[0] - t[0]) * (s[1] - t[1]) < 0) count++;
        }
      }
    }
    return count;
  }

  private static List<List<Integer>> copy(List<List<Integer>> columns) {
    List<List<Integer>> c = new ArrayList<>();
    for (List<Integer> column : columns) c.add(new ArrayList<>(column));
    return c;
  }
}
