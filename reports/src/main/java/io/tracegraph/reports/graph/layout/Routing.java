package io.tracegraph.reports.graph.layout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Step 6: the route of each edge, the points its curve passes through: from the right side of its source, through
 * its dummies, to the left side of its target. A back edge is routed along its reversed chain, so it runs right to
 * left, leaving its source's left side and entering its target's right side.
 */
final class Routing {
  /** Per edge of the graph (self-loops excluded), in the graph's edge order. */
  final List<LayeredLayout.Route> routes = new ArrayList<>();

  Routing(IndexedGraph g, CycleBreaking cycles, LongEdges longEdges, Coordinates at) {
    for (int i = 0; i < g.edges.size(); i++) {
      boolean back = cycles.back[i];
      List<Integer> chain = new ArrayList<>(longEdges.chains.get(i));
      if (back) Collections.reverse(chain);
      List<double[]> points = new ArrayList<>();
      for (int j = 0; j < chain.size(); j++) {
        int v = chain.get(j);
        double px = at.columnX[longEdges.layerOf.get(v)];
        if (j == 0) px += (back ? -at.w[v] : at.w[v]) / 2;
        if (j == chain.size() - 1) px += (back ? at.w[v] : -at.w[v]) / 2;
        points.add(new double[] {px, at.y[v]});
      }
      int[] e = g.edges.get(i);
      routes.add(new LayeredLayout.Route(g.names.get(e[0]), g.names.get(e[1]), List.copyOf(points), back));
    }
  }
}
