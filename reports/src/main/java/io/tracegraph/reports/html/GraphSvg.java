package io.tracegraph.reports.html;

import io.tracegraph.reports.Labels;
import io.tracegraph.reports.graph.CallEdge;
import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.NodeFacts;
import io.tracegraph.reports.graph.NodeKind;
import io.tracegraph.reports.graph.ServiceGraph;
import io.tracegraph.reports.graph.layout.LayeredLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service graph as inline SVG, laid out by {@link LayeredLayout}: edge thickness by calls (log scale between the
 * day's quietest and busiest edge), edge
 * colour by error rate (four bands, see {@link #band}), node height by traffic (log scale); peers dashed, entry
 * points blue, services on a call cycle purple. Each node and edge carries its numbers as an SVG {@code <title>}
 * (shown on hover without script) and a {@code data-i} index into the page's JSON for the click details.
 */
final class GraphSvg {
  static final int MAX_LABEL = 30;
  static final double CHAR_WIDTH = 7.0;

  private final GraphAnalytics analytics;
  private final ServiceGraph g;
  private final LayeredLayout layout;
  private final Map<String, Integer> nodeIndex = new HashMap<>();

  GraphSvg(GraphAnalytics analytics) {
    this.analytics = analytics;
    this.g = analytics.graph();
    List<String> vertices = g.vertices();
    for (int i = 0; i < vertices.size(); i++) nodeIndex.put(vertices.get(i), i);
    long maxTraffic = vertices.stream().mapToLong(this::traffic).max().orElse(0);
    Map<String, LayeredLayout.Size> sizes = new HashMap<>();
    for (String v : vertices) {
      double t = maxTraffic == 0 ? 0 : Math.log1p(traffic(v)) / Math.log1p(maxTraffic);
      double width = Math.min(MAX_LABEL + 1, v.length()) * CHAR_WIDTH + 26;
      sizes.put(v, new LayeredLayout.Size(Math.max(64, width), 22 + 18 * t));
    }
    this.layout = new LayeredLayout(g, analytics.depths().entryPoints(), sizes);
  }

  /** A vertex's traffic for sizing: calls it received, or made when nobody calls it (an entry point). */
  private long traffic(String v) {
    return Math.max(g.callsIn(v), g.callsOut(v));
  }

  /** Error-rate band of an edge or node: ok (&lt; 0.1%), low (&lt; 1%), mid (&lt; 5%), high. */
  static String band(long calls, long errors) {
    double rate = calls == 0 ? 0 : errors / (double) calls;
    if (rate < 0.001) return "ok";
    if (rate < 0.01) return "low";
    if (rate < 0.05) return "mid";
    return "high";
  }

  static String label(String name) {
    return Labels.shortened(name, MAX_LABEL);
  }

  String render() {
    StringBuilder sb = new StringBuilder();
    double w = layout.width();
    double h = layout.height();
    sb.append("<svg id=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(Html.num(w)).append(' ')
        .append(Html.num(h)).append("\" width=\"").append(Html.num(w)).append("\" height=\"").append(Html.num(h))
        .append("\" data-h=\"").append(Html.num(h)).append("\" role=\"img\" aria-label=\"Service dependency graph of ")
        .append(g.data().date()).append("\">\n<defs>");
    for (String band : List.of("ok", "low", "mid", "high")) {
      sb.append("<marker id=\"arrow-").append(band).append("\" class=\"").append(band)
          .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" ")
          .append("orient=\"auto-start-reverse\" markerUnits=\"userSpaceOnUse\"><path d=\"M0,0L10,5L0,10z\"/></marker>");
    }
    sb.append("</defs>\n<g class=\"edges\">\n");
    // Thickness by calls on a log scale from the day's quietest edge (1 px) to its busiest (8 px).
    double minLog = Math.log1p(g.edges().stream().mapToLong(CallEdge::calls).min().orElse(0));
    double maxLog = Math.log1p(g.edges().stream().mapToLong(CallEdge::calls).max().orElse(0));
    List<CallEdge> edges = g.edges();
    Map<String, LayeredLayout.Route> routes = new HashMap<>();
    for (LayeredLayout.Route r : layout.routes()) routes.put(r.source() + "\u0000" + r.target(), r);
    for (int i = 0; i < edges.size(); i++) {
      CallEdge e = edges.get(i);
      CallStats s = e.stats();
      double width = maxLog - minLog < 1e-9 ? 2 : 1 + 7 * (Math.log1p(s.calls()) - minLog) / (maxLog - minLog);
      String band = band(s.calls(), s.errors());
      LayeredLayout.Route route = routes.get(e.parent() + "\u0000" + e.child());
      String d = route == null ? selfLoop(layout.box(e.parent())) : path(route);
      sb.append("<g class=\"edge ").append(band).append(route != null && route.back() ? " back" : "")
          .append("\" data-i=\"").append(i).append("\"><title>").append(Html.text(edgeTitle(s))).append("</title>")
          .append("<path class=\"v\" d=\"").append(d).append("\" stroke-width=\"").append(Html.num(width))
          .append("\" marker-end=\"url(#arrow-").append(band).append(")\"/>")
          .append("<path class=\"hit\" d=\"").append(d).append("\"/></g>\n");
    }
    sb.append("</g>\n<g class=\"nodes\">\n");
    for (NodeFacts f : analytics.nodes()) {
      LayeredLayout.Box b = layout.box(f.name());
      StringBuilder cls = new StringBuilder("node ").append(f.kind().key());
      if (f.entryPoint()) cls.append(" entry");
      if (f.inCycle()) cls.append(" cycle");
      String band = band(f.callsIn(), f.errorsIn());
      if (!band.equals("ok")) cls.append(" err-").append(band);
      double rx = f.kind() == NodeKind.PEER ? b.height() / 2 : 5;
      sb.append("<g class=\"").append(cls).append("\" data-i=\"").append(nodeIndex.get(f.name()))
          .append("\" transform=\"translate(").append(Html.num(b.x())).append(',').append(Html.num(b.y()))
          .append(")\"><title>").append(Html.text(nodeTitle(f))).append("</title>")
          .append("<rect x=\"").append(Html.num(-b.width() / 2)).append("\" y=\"").append(Html.num(-b.height() / 2))
          .append("\" width=\"").append(Html.num(b.width())).append("\" height=\"").append(Html.num(b.height()))
          .append("\" rx=\"").append(Html.num(rx)).append("\"/>")
          .append("<text text-anchor=\"middle\" dy=\"4\">").append(Html.text(label(f.name()))).append("</text></g>\n");
    }
    sb.append("</g>\n</svg>");
    return sb.toString();
  }

  private String edgeTitle(CallStats s) {
    StringBuilder t = new StringBuilder(Html.shown(s.parent())).append(" \u2192 ").append(Html.shown(s.child()))
        .append('\n')
        .append(Html.count(s.calls())).append(" calls, ").append(Html.count(s.errors())).append(" errors (")
        .append(Html.percent(s.errorRate())).append(')');
    if (s.latency() != null) {
      t.append("\np50 ").append(Html.micros(s.latency().p50Micros())).append(", p99 ")
          .append(Html.micros(s.latency().p99Micros()));
    }
    return t.toString();
  }

  private static String nodeTitle(NodeFacts f) {
    return Html.shown(f.name()) + " (" + f.kind().key() + ")\n" + Html.count(f.callsIn()) + " calls in, " + Html.count(f.errorsIn())
        + " errors (" + Html.percent(f.errorRateIn()) + ")\n"
        + "fan-in " + f.fanIn() + ", fan-out " + f.fanOut() + ", depth " + f.depth() + "\n"
        + f.dependents() + " services depend on it"
        + (f.reach() == null ? "" : "\nreach " + Html.percent(f.reach()) + " of traces")
        + (f.selfTimeMicros() == null ? "" : "\nself time " + Html.micros(f.selfTimeMicros()));
  }

  /** A smooth curve through the route's points: horizontal tangents at every point. */
  private static String path(LayeredLayout.Route r) {
    List<double[]> p = r.points();
    StringBuilder d = new StringBuilder("M").append(Html.num(p.get(0)[0])).append(',').append(Html.num(p.get(0)[1]));
    double bow = r.back() ? 18 : 0; // a back edge bows below its forward twin
    for (int i = 1; i < p.size(); i++) {
      double[] a = p.get(i - 1);
      double[] b = p.get(i);
      double mx = (a[0] + b[0]) / 2;
      d.append(" C").append(Html.num(mx)).append(',').append(Html.num(a[1] + bow)).append(' ')
          .append(Html.num(mx)).append(',').append(Html.num(b[1] + bow)).append(' ')
          .append(Html.num(b[0])).append(',').append(Html.num(b[1]));
    }
    return d.toString();
  }

  /** A loop above the node's right end, for a service calling itself. */
  private static String selfLoop(LayeredLayout.Box b) {
    double x = b.x() + b.width() / 2 - 14;
    double y = b.y() - b.height() / 2;
    return "M" + Html.num(x - 10) + "," + Html.num(y) + " C" + Html.num(x - 14) + "," + Html.num(y - 26) + " "
        + Html.num(x + 22) + "," + Html.num(y - 26) + " " + Html.num(x + 8) + "," + Html.num(y);
  }
}
