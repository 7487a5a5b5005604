package io.tracegraph.reports.graph.layout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 1: breaks the cycles. A depth-first search from the entry points (then from every other vertex, in name order)
 * marks each edge to a vertex still on the search stack as a back edge; reversed, the edges form a DAG. The order in
 * which the search discovers vertices keeps related vertices together and seeds the ordering of step 4.
 */
final class CycleBreaking {
  /** Per edge of the graph: whether it is laid out reversed and drawn as a back edge. */
  final boolean[] back;
  /** The graph's edges with the back edges reversed, in the graph's edge order. */
  final List<int[]> dag = new ArrayList<>();
  /** Vertices in the order the search reached them. */
  final List<Integer> discovery = new ArrayList<>();

  CycleBreaking(IndexedGraph g, Collection<String> entryPoints) {
    int n = g.size();
    List<List<Integer>> out = IndexedGraph.adjacency(n, g.edges, false);
    back = new boolean[g.edges.size()];
    Map<Long, Integer> edgeId = new HashMap<>();
    for (int i = 0; i < g.edges.size(); i++) edgeId.put(key(g.edges.get(i)[0], g.edges.get(i)[1]), i);
    List<Integer> order = new ArrayList<>();
    for (String e : entryPoints) if (g.index.containsKey(e)) order.add(g.index.get(e));
    for (int i = 0; i < n; i++) order.add(i);
    int[] state = new int[n]; // 0 new, 1 on stack, 2 done
    for (int start : order) {
      if (state[start] != 0) continue;
      ArrayDeque<int[]> stack = new ArrayDeque<>(); // vertex, next child index
      stack.push(new int[] {start, 0});
      state[start] = 1;
      discovery.add(start);
      while (!stack.isEmpty()) {
        int[] top = stack.peek();
        List<Integer> children = out.get(top[0]);
        if (top[1] < children.size()) {
          int c = children.get(top[1]++);
          if (state[c] == 1) back[edgeId.get(key(top[0], c))] = true;
          else if (state[c] == 0) {
            state[c] = 1;
            discovery.add(c);
            stack.push(new int[] {c, 0});
          }
        } else {
          state[top[0]] = 2;
          stack.pop();
        }
      }
    }
    for (int i = 0; i < g.edges.size(); i++) {
      int[] e = g.edges.get(i);
      dag.add(back[i] ? new int[] {e[1], e[0]} : e);
    }
  }

  private static long key(int s, int t) {
    return ((long) s << 32) | (t & 0xffffffffL);
  }
}
