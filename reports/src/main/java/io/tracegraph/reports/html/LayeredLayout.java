package io.tracegraph.reports.html;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A layered (Sugiyama-style) drawing of a directed graph, left to right, deterministic for the same input:
 * <ol>
 *   <li>cycles are broken by a depth-first search from the entry points (then the other vertices, by name): an
 *       edge back to a vertex on the search stack is laid out reversed and drawn as a back edge;</li>
 *   <li>longest-path layering: every edge points one or more columns to the right;</li>
 *   <li>edges spanning several columns get a dummy point per column crossed, so that they are ordered like nodes
 *       and run between them instead of through them;</li>
 *   <li>barycentric ordering: sweeps right and left order each column by the mean position of its neighbours in
 *       the previous column; the order with the fewest crossings seen is kept;</li>
 *   <li>vertical positions: each column is pulled towards its neighbours' positions while keeping its order and the
 *       gaps (an isotonic regression, solved exactly by pool-adjacent-violators), alternating directions.</li>
 * </ol>
 * Self-loops are not laid out (the renderer draws them as a loop on their node). Computed in the constructor;
 * accessors return unmodifiable values.
 */
public final class LayeredLayout {
  /** A laid-out vertex: centre and size. */
  public record Box(double x, double y, double width, double height, int layer) {}

  /** A laid-out edge: the points its curve passes through, from source to target; back edges run right to left. */
  public record Route(String source, String target, List<double[]> points, boolean back) {}

  static final double LAYER_GAP = 90;
  static final double NODE_GAP = 14;
  static final double DUMMY_HEIGHT = 6;
  static final double MARGIN = 24;
  private static final int SWEEPS = 24;
  private static final int RELAX_ROUNDS = 12;

  private final List<String> names;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, Box> boxes = new HashMap<>();
  private final List<Route> routes = new ArrayList<>();
  private final int crossings;
  private final double width;
  private final double height;

  /**
   * @param vertices the vertices, in name order
   * @param edges parent → child pairs (self-loops allowed and skipped), no duplicates
   * @param entryPoints where the cycle-breaking search starts
   * @param sizes width and height of each vertex
   */
  public LayeredLayout(List<String> vertices, List<String[]> edges, List<String> entryPoints,
                       Map<String, double[]> sizes) {
    Objects.requireNonNull(vertices, "vertices == null");
    this.names = List.copyOf(vertices);
    for (int i = 0; i < names.size(); i++) {
      if (index.put(names.get(i), i) != null) throw new IllegalArgumentException("vertex twice: " + names.get(i));
      if (!sizes.containsKey(names.get(i))) throw new IllegalArgumentException("no size for " + names.get(i));
    }
    int n = names.size();
    List<int[]> real = new ArrayList<>();
    for (String[] e : edges) {
      Integer s = index.get(e[0]);
      Integer t = index.get(e[1]);
      if (s == null || t == null) throw new IllegalArgumentException("edge with unknown vertex: " + e[0] + " -> " + e[1]);
      if (!s.equals(t)) real.add(new int[] {s, t});
    }
    List<List<Integer>> out = adjacency(n, real, false);

    // 1. Break cycles: DFS in a fixed order; edges to a vertex on the stack are back edges.
    boolean[] back = new boolean[real.size()];
    Map<Long, Integer> edgeId = new HashMap<>();
    for (int i = 0; i < real.size(); i++) edgeId.put(key(real.get(i)[0], real.get(i)[1]), i);
    List<Integer> order = new ArrayList<>();
    for (String e : entryPoints) if (index.containsKey(e)) order.add(index.get(e));
    for (int i = 0; i < n; i++) order.add(i);
    int[] state = new int[n]; // 0 new, 1 on stack, 2 done
    List<Integer> discovery = new ArrayList<>();
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
    List<int[]> dag = new ArrayList<>();
    for (int i = 0; i < real.size(); i++) {
      int[] e = real.get(i);
      dag.add(back[i] ? new int[] {e[1], e[0]} : e);
    }

    // 2. Longest-path layering in topological order (Kahn, smallest index first).
    int[] layer = new int[n];
    int[] indegree = new int[n];
    List<List<Integer>> dagOut = adjacency(n, dag, false);
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
    int layers = n == 0 ? 0 : Arrays.stream(layer).max().getAsInt() + 1;

    // 3. Dummy points on long edges. Node ids >= n are dummies; segments connect consecutive layers.
    List<Integer> layerOf = new ArrayList<>();
    for (int i = 0; i < n; i++) layerOf.add(layer[i]);
    List<int[]> segments = new ArrayList<>();
    List<List<Integer>> chains = new ArrayList<>(); // per real edge: node ids from DAG source to DAG target
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
    int total = layerOf.size();
    List<List<Integer>> segOut = adjacency(total, segments, false);
    List<List<Integer>> segIn = adjacency(total, segments, true);

    // 4. Ordering: start from the search's discovery order (related vertices together), then barycentric sweeps.
    List<List<Integer>> columns = new ArrayList<>();
    for (int l = 0; l < layers; l++) columns.add(new ArrayList<>());
    int[] rank = new int[n];
    for (int i = 0; i < discovery.size(); i++) rank[discovery.get(i)] = i;
    List<Integer> realOrder = new ArrayList<>();
    for (int i = 0; i < n; i++) realOrder.add(i);
    realOrder.sort(Comparator.comparingInt(v -> rank[v]));
    for (int v : realOrder) columns.get(layer[v]).add(v);
    for (int d = n; d < total; d++) columns.get(layerOf.get(d)).add(d);
    double[] pos = new double[total];
    positions(columns, pos);
    List<List<Integer>> best = copy(columns);
    int bestCrossings = crossings(columns, segOut, pos);
    for (int sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
      boolean forward = sweep % 2 == 0;
      for (int k = 1; k < layers; k++) {
        int l = forward ? k : layers - 1 - k;
        List<List<Integer>> neighbours = forward ? segIn : segOut;
        List<Integer> column = columns.get(l);
        Map<Integer, Double> bary = new HashMap<>();
        for (int v : column) {
          List<Integer> ns = neighbours.get(v);
          bary.put(v, ns.isEmpty() ? pos[v] : ns.stream().mapToDouble(u -> pos[u]).average().getAsDouble());
        }
        column.sort(Comparator.comparingDouble((Integer v) -> bary.get(v)).thenComparingDouble(v -> pos[v]));
        positions(columns, pos);
      }
      int c = crossings(columns, segOut, pos);
      if (c < bestCrossings) {
        bestCrossings = c;
        best = copy(columns);
      }
    }
    columns = best;
    positions(columns, pos);
    this.crossings = bestCrossings;

    // 5. Coordinates. Columns are as wide as their widest vertex; y is relaxed towards neighbours.
    double[] h = new double[total];
    double[] w = new double[total];
    for (int v = 0; v < total; v++) {
      h[v] = v < n ? sizes.get(names.get(v))[1] : DUMMY_HEIGHT;
      w[v] = v < n ? sizes.get(names.get(v))[0] : 0;
    }
    double[] columnX = new double[layers];
    double x = MARGIN;
    for (int l = 0; l < layers; l++) {
      double widest = columns.get(l).stream().mapToDouble(v -> w[v]).max().orElse(0);
      columnX[l] = x + widest / 2;
      x += widest + LAYER_GAP;
    }
    double[] y = new double[total];
    for (List<Integer> column : columns) {
      double top = 0;
      for (int v : column) {
        y[v] = top + h[v] / 2;
        top += h[v] + NODE_GAP;
      }
    }
    for (int round = 0; round < RELAX_ROUNDS; round++) {
      boolean forward = round % 2 == 0;
      for (int k = 0; k < layers; k++) {
        int l = forward ? k : layers - 1 - k;
        relax(columns.get(l), y, h, segIn, segOut);
      }
    }
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (int v = 0; v < total; v++) {
      minY = Math.min(minY, y[v] - h[v] / 2);
      maxY = Math.max(maxY, y[v] + h[v] / 2);
    }
    double shift = n == 0 ? 0 : MARGIN - minY;
    for (int v = 0; v < n; v++) {
      boxes.put(names.get(v), new Box(columnX[layer[v]], y[v] + shift, w[v], h[v], layer[v]));
    }
    this.width = Math.max(x - LAYER_GAP + MARGIN, 2 * MARGIN);
    this.height = n == 0 ? 2 * MARGIN : maxY - minY + 2 * MARGIN;

    // 6. Routes: right side of the source, through the dummies, left side of the target.
    for (int i = 0; i < real.size(); i++) {
      List<Integer> chain = new ArrayList<>(chains.get(i));
      if (back[i]) Collections.reverse(chain);
      List<double[]> points = new ArrayList<>();
      for (int j = 0; j < chain.size(); j++) {
        int v = chain.get(j);
        double px = columnX[layerOf.get(v)];
        if (j == 0) px += (back[i] ? -w[v] : w[v]) / 2;
        if (j == chain.size() - 1) px += (back[i] ? w[v] : -w[v]) / 2;
        points.add(new double[] {px, y[v] + shift});
      }
      routes.add(new Route(names.get(real.get(i)[0]), names.get(real.get(i)[1]), List.copyOf(points), back[i]));
    }
  }

  public Box box(String vertex) {
    Box b = boxes.get(vertex);
    if (b == null) throw new IllegalArgumentException("no such vertex: " + vertex);
    return b;
  }

  /** Routes of the edges that are not self-loops, in the order given. */
  public List<Route> routes() {
    return Collections.unmodifiableList(routes);
  }

  /** Crossings between edge segments of adjacent columns in the final order. */
  public int crossings() {
    return crossings;
  }

  public double width() {
    return width;
  }

  public double height() {
    return height;
  }

  /**
   * Moves a column's points towards the mean y of their neighbours in adjacent columns, keeping their order and
   * gaps: minimises the squared distance to those targets subject to y[i+1] - y[i] >= the gap, by substituting
   * q_i = y_i - offset_i (which must not decrease) and pooling adjacent violators.
   */
  private static void relax(List<Integer> column, double[] y, double[] h, List<List<Integer>> in,
                            List<List<Integer>> out) {
    int m = column.size();
    if (m == 0) return;
    double[] offset = new double[m];
    double[] target = new double[m];
    for (int i = 0; i < m; i++) {
      int v = column.get(i);
      if (i > 0) offset[i] = offset[i - 1] + h[column.get(i - 1)] / 2 + NODE_GAP + h[v] / 2;
      double sum = 0;
      int count = 0;
      for (int u : in.get(v)) { sum += y[u]; count++; }
      for (int u : out.get(v)) { sum += y[u]; count++; }
      target[i] = (count == 0 ? y[v] : sum / count) - offset[i];
    }
    // Pool adjacent violators: blocks of (mean, weight, length).
    double[] mean = new double[m];
    int[] len = new int[m];
    int blocks = 0;
    for (int i = 0; i < m; i++) {
      mean[blocks] = target[i];
      len[blocks] = 1;
      blocks++;
      while (blocks > 1 && mean[blocks - 2] > mean[blocks - 1]) {
        int a = len[blocks - 2];
        int b = len[blocks - 1];
        mean[blocks - 2] = (mean[blocks - 2] * a + mean[blocks - 1] * b) / (a + b);
        len[blocks - 2] = a + b;
        blocks--;
      }
    }
    int i = 0;
    for (int b = 0; b < blocks; b++) {
      for (int k = 0; k < len[b]; k++, i++) y[column.get(i)] = mean[b] + offset[i];
    }
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

  private static List<List<Integer>> adjacency(int size, List<int[]> edges, boolean reverse) {
    List<List<Integer>> adj = new ArrayList<>(size);
    for (int i = 0; i < size; i++) adj.add(new ArrayList<>());
    for (int[] e : edges) adj.get(reverse ? e[1] : e[0]).add(reverse ? e[0] : e[1]);
    for (List<Integer> l : adj) Collections.sort(l);
    return adj;
  }

  private static List<List<Integer>> copy(List<List<Integer>> columns) {
    List<List<Integer>> c = new ArrayList<>();
    for (List<Integer> column : columns) c.add(new ArrayList<>(column));
    return c;
  }

  private static long key(int s, int t) {
    return ((long) s << 32) | (t & 0xffffffffL);
  }
}
