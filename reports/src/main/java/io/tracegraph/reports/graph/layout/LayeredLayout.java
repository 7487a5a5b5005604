package io.tracegraph.reports.graph.layout;

import io.tracegraph.reports.graph.ServiceGraph;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A layered (Sugiyama-style) drawing of the service graph, left to right, deterministic for the same input, in six
 * steps, each a class of this package:
 * <ol>
 *   <li>{@link CycleBreaking}: a depth-first search from the entry points (then the other vertices, by name) finds
 *       the edges back to a vertex on the search stack; they are laid out reversed and drawn as back edges;</li>
 *   <li>{@link Layering}: longest-path layering, so every edge points one or more columns to the right;</li>
 *   <li>{@link LongEdges}: edges spanning several columns get a dummy point per column crossed, so that they are
 *       ordered like vertices and run between them instead of through them;</li>
 *   <li>{@link Ordering}: barycentric sweeps right and left order each column by the mean position of its
 *       neighbours in the previous column; the order with the fewest crossings seen is kept;</li>
 *   <li>{@link Coordinates}: vertical positions pulled towards the neighbours' while keeping each column's order and
 *       gaps (an isotonic regression, solved exactly by pool-adjacent-violators), alternating directions;</li>
 *   <li>{@link Routing}: each edge's points, from its source's side through its dummies to its target's side.</li>
 * </ol>
 * Self-loops are not laid out (the renderer draws them as a loop on their node). Computed in the constructor;
 * accessors return unmodifiable values.
 */
public final class LayeredLayout {
  /** Width and height of a vertex as drawn. */
  public record Size(double width, double height) {}

  /** A laid-out vertex: centre and size. */
  public record Box(double x, double y, double width, double height, int layer) {}

  /** A laid-out edge: the points its curve passes through, from source to target; back edges run right to left. */
  public record Route(String source, String target, List<double[]> points, boolean back) {}

  /** Horizontal space between columns. */
  public static final double LAYER_GAP = 90;
  /** Vertical space between the boxes (and dummy points) of a column. */
  public static final double NODE_GAP = 14;
  /** The height a long edge takes where it passes a column. */
  static final double DUMMY_HEIGHT = 6;
  /** Space around the drawing. */
  static final double MARGIN = 24;

  private final Map<String, Box> boxes = new HashMap<>();
  private final List<Route> routes;
  private final int crossings;
  private final double width;
  private final double height;

  /**
   * @param graph the graph to draw
   * @param entryPoints where the cycle-breaking search starts, in this order (names not in the graph are ignored)
   * @param sizes the size of every vertex of the graph
   */
  public LayeredLayout(ServiceGraph graph, Collection<String> entryPoints, Map<String, Size> sizes) {
    Objects.requireNonNull(graph, "graph == null");
    Objects.requireNonNull(entryPoints, "entryPoints == null");
    IndexedGraph g = new IndexedGraph(graph);
    int n = g.size();
    Size[] size = new Size[n];
    for (int i = 0; i < n; i++) {
      size[i] = sizes.get(g.names.get(i));
      if (size[i] == null) throw new IllegalArgumentException("no size for " + g.names.get(i));
    }
    CycleBreaking cycles = new CycleBreaking(g, entryPoints);
    Layering layering = new Layering(n, cycles.dag);
    LongEdges longEdges = new LongEdges(n, layering.layer, cycles.dag);
    Ordering ordering = new Ordering(n, layering, longEdges, cycles.discovery);
    Coordinates at = new Coordinates(n, size, layering.layers, longEdges, ordering.columns);
    for (int v = 0; v < n; v++) {
      boxes.put(g.names.get(v), new Box(at.columnX[layering.layer[v]], at.y[v], at.w[v], at.h[v], layering.layer[v]));
    }
    this.routes = Collections.unmodifiableList(new Routing(g, cycles, longEdges, at).routes);
    this.crossings = ordering.crossings;
    this.width = at.width;
    this.height = at.height;
  }

  public Box box(String vertex) {
    Box b = boxes.get(vertex);
    if (b == null) throw new IllegalArgumentException("no such vertex: " + vertex);
    return b;
  }

  /** Routes of the edges that are not self-loops, in the graph's edge order (by parent, then child). */
  public List<Route> routes() {
    return routes;
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
}
