package io.tracegraph.reports.html;

import io.tracegraph.reports.Json;
import io.tracegraph.reports.graph.CallEdge;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.NodeFacts;
import io.tracegraph.reports.graph.ServiceGraph;
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
    for (NodeFacts f : a.nodes()) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("n", f.name());
      n.put("k", f.kind().key());
      n.put("ci", f.callsIn());
      n.put("ei", f.errorsIn());
      n.put("co", f.callsOut());
      n.put("fi", f.fanIn());
      n.put("fo", f.fanOut());
      n.put("d", f.depth());
      n.put("entry", f.entryPoint());
      n.put("dep", f.dependents());
      n.put("ep", f.entryPointsAffected());
      n.put("r", f.reach());
      n.put("st", f.selfTimeMicros());
      n.put("callers", f.callers().stream().map(index::get).toList());
      n.put("callees", f.callees().stream().map(index::get).toList());
      nodes.add(n);
    }
    List<Map<String, Object>> edges = new ArrayList<>();
    for (CallEdge e : g.edges()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("s", index.get(e.parent()));
      m.put("t", index.get(e.child()));
      m.put("c", e.calls());
      m.put("e", e.errors());
      m.put("p50", e.stats().p50Micros());
      m.put("p99", e.stats().p99Micros());
      edges.add(m);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("nodes", nodes);
    root.put("edges", edges);
    return Json.write(root).strip();
  }
}
