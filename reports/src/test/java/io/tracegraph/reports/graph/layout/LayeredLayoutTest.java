package io.tracegraph.reports.graph.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.reports.graph.CallEdge;
import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.Graphs;
import io.tracegraph.reports.graph.ServiceGraph;
import io.tracegraph.reports.html.ReportFixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layered layout: columns follow the calls, orders avoid crossings, nothing overlaps, same input same drawing. */
class LayeredLayoutTest {
  /** The layout of services {@code vertices} with the given "parent>child" edges, every box 80 x 24. */
  static LayeredLayout layout(List<String> vertices, String... edges) {
    List<CallStats> list = new ArrayList<>();
    for (String e : edges) list.add(CallStats.of(e.split(">")[0], e.split(">")[1], 1, 0));
    ServiceGraph graph = new ServiceGraph(GraphData.of(Graphs.DAY, null, list, new java.util.TreeSet<>(vertices)));
    Map<String, LayeredLayout.Size> sizes = new HashMap<>();
    graph.vertices().forEach(v -> sizes.put(v, new LayeredLayout.Size(80, 24)));
    return new LayeredLayout(graph, List.of(), sizes);
  }

  /** Boxes as wide as their names and as tall as their traffic, roughly as the report draws them. */
  static LayeredLayout layout(GraphAnalytics a) {
    ServiceGraph g = a.graph();
    Map<String, LayeredLayout.Size> sizes = new HashMap<>();
    for (String v : g.vertices()) {
      sizes.put(v, new LayeredLayout.Size(Math.max(64, 7 * v.length() + 26), 22 + Math.log10(1 + g.callsIn(v)) * 3));
    }
    return new LayeredLayout(g, a.depths().entryPoints(), sizes);
  }

  /** a → b → c, a → c: longest path puts c two columns right of a, and b between them. */
  @Test
  void columnsFollowTheLongestPath() {
    LayeredLayout l = layout(List.of("a", "b", "c"), "a>b", "b>c", "a>c");
    assertEquals(List.of(0, 1, 2), List.of(l.box("a").layer(), l.box("b").layer(), l.box("c").layer()));
    assertTrue(l.box("a").x() < l.box("b").x() && l.box("b").x() < l.box("c").x());
    LayeredLayout.Route ac = l.routes().stream().filter(r -> r.source().equals("a") && r.target().equals("c"))
        .findFirst().orElseThrow();
    assertEquals(3, ac.points().size(), "a → c passes one dummy point in b's column");
    assertEquals(l.box("b").x(), ac.points().get(1)[0], 1e-9);
  }

  /**
   * a and b in the first column, c and d in the second, a → d and b → c: in name order the two edges cross; the
   * barycentric sweep reorders one column and the drawing has no crossing.
   */
  @Test
  void barycentricOrderingRemovesAvoidableCrossings() {
    LayeredLayout l = layout(List.of("a", "b", "c", "d"), "a>d", "b>c");
    assertEquals(0, l.crossings());
    boolean aAbove = l.box("a").y() < l.box("b").y();
    boolean dAbove = l.box("d").y() < l.box("c").y();
    assertEquals(aAbove, dAbove, "a's callee is on a's side");
  }

  /** A cycle is drawn with one back edge, and a self-loop is left to the renderer. */
  @Test
  void cyclesGetOneBackEdgeAndSelfLoopsNoRoute() {
    LayeredLayout l = layout(List.of("a", "b", "c"), "a>b", "b>c", "c>a", "c>c");
    assertEquals(3, l.routes().size());
    assertEquals(1, l.routes().stream().filter(LayeredLayout.Route::back).count());
    LayeredLayout.Route back = l.routes().stream().filter(LayeredLayout.Route::back).findFirst().orElseThrow();
    assertEquals(List.of("c", "a"), List.of(back.source(), back.target()));
    List<double[]> p = back.points();
    assertTrue(p.get(0)[0] > p.get(p.size() - 1)[0], "a back edge runs right to left");
  }

  /**
   * On the 67-vertex fixture: every forward edge goes right, no two boxes of a column overlap, every box is inside
   * the drawing, and a second layout is identical.
   */
  @Test
  void aLargeGraphIsLaidOutWithoutOverlapsAndDeterministically() {
    GraphAnalytics a = GraphAnalytics.of(ReportFixtures.bigShop(false));
    LayeredLayout l = layout(a);
    LayeredLayout again = layout(a);
    List<String> vertices = a.graph().vertices();
    assertTrue(vertices.size() >= 60);
    Map<Integer, List<LayeredLayout.Box>> columns = new HashMap<>();
    for (String v : vertices) {
      LayeredLayout.Box b = l.box(v);
      assertEquals(b, again.box(v), v);
      assertTrue(b.x() - b.width() / 2 >= 0 && b.x() + b.width() / 2 <= l.width(), v);
      assertTrue(b.y() - b.height() / 2 >= 0 && b.y() + b.height() / 2 <= l.height() + 1e-9, v);
      columns.computeIfAbsent(b.layer(), k -> new ArrayList<>()).add(b);
    }
    for (List<LayeredLayout.Box> column : columns.values()) {
      column.sort((x, y) -> Double.compare(x.y(), y.y()));
      for (int i = 1; i < column.size(); i++) {
        double gap = (column.get(i).y() - column.get(i).height() / 2) - (column.get(i - 1).y() + column.get(i - 1).height() / 2);
        assertTrue(gap >= LayeredLayout.NODE_GAP - 1e-6, "gap " + gap);
      }
    }
    for (CallEdge e : a.graph().edges()) {
      if (e.parent().equals(e.child())) continue;
      boolean back = l.routes().stream().anyMatch(r -> r.back() && r.source().equals(e.parent()) && r.target().equals(e.child()));
      if (!back) assertTrue(l.box(e.child()).layer() > l.box(e.parent()).layer(), e.toString());
    }
    assertEquals(l.crossings(), again.crossings());
    System.out.println("67-vertex fixture: " + l.crossings() + " crossings, " + columns.size() + " columns, "
        + Math.round(l.width()) + " x " + Math.round(l.height()) + " px");
  }

  /** Every vertex needs a size; an empty graph is an empty drawing of the margins' size. */
  @Test
  void badInputIsRejected() {
    ServiceGraph g = new ServiceGraph(Graphs.shop());
    assertThrows(IllegalArgumentException.class, () -> new LayeredLayout(g, List.of(), Map.of()));
    assertThrows(IllegalArgumentException.class, () -> layout(List.of("a")).box("b"));
    LayeredLayout empty = layout(List.of());
    assertFalse(empty.routes().iterator().hasNext());
    assertEquals(2 * LayeredLayout.MARGIN, empty.width());
    assertEquals(2 * LayeredLayout.MARGIN, empty.height());
  }
}
