package io.tracegraph.reports.html;

import io.tracegraph.reports.Json;
import io.tracegraph.reports.graph.CallEdge;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.ServiceGraph;
import io.tracegraph.reports.graph.ServiceStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The page's data for its script: nodes and edges with their numbers, names by index (written as text only). */
final class PageData {
  private PageData() {}

  static String json(GraphAnalytics a) {
    ServiceGraph g = a.graph();
    List<String> vertices = g.vertices();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < vertices.size(); i++) index.put(vertices.get(i), i);
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (String v : vertices) {
      ServiceStats s = g.stats(v);
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("n", v);
      n.put("k", s.kind().key());
      n.put("ci", g.callsIn(v));
      n.put("ei", g.errorsIn(v));
      n.put("co", g.callsOut(v));
      n.put("fi", g.fanIn(v));
      n.put("fo", g.fanOut(v));
      n.put("d", a.depths().depth(v));
      n.put("entry", a.depths().isEntryPoint(v));
      n.put("dep", a.blastRadius().dependents(v).size());
      n.put("ep", List.copyOf(a.blastRadius().entryPoints(v)));
      n.put("r", g.data().reach(v));
      n.put("st", s.selfTimeMicros());
      n.put("callers", g.callers(v).stream().map(index::get).toList());
      n.put("callees", g.callees(v).stream().map(index::get).toList());
      nodes.add(n);
    }
    List<Map<String, Object>> edges = new ArrayList<>();
    for (CallEdge e : g.edges()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("s", index.get(e.parent()));
      m.put("t", index.get(e.child()));
      m.put("c", e.calls());
      m.put("e", e.errors());
      m.put("p50", e.stats().latency() == null ? null : e.stats().latency().p50Micros());
      m.put("p99", e.stats().latency() == null ? null : e.stats().latency().p99Micros());
      edges.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("nodes", nodes);
    root.put("edges", edges);
    return Json.write(root).strip();
  }
}
