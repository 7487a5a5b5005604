package io.tracegraph.reports.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.model.CallPatterns;
import io.tracegraph.model.LinkedMessages;
import io.tracegraph.model.TopTraces;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.graph.CallCycles;
import io.tracegraph.reports.graph.CallEdge;
import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.EdgeLatency;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.HourlyCounts;
import io.tracegraph.reports.graph.NodeFacts;
import io.tracegraph.reports.graph.NodeKind;
import io.tracegraph.reports.graph.ServiceDepths;
import io.tracegraph.reports.graph.ServiceGraph;
import io.tracegraph.reports.graph.ServiceStats;
import io.tracegraph.reports.graph.Surprises;
import io.tracegraph.reports.operations.OperationGraphView;
import io.tracegraph.reports.operations.OperationLink;
import io.tracegraph.reports.operations.OperationsReport;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code graph.json}: the day's graph for other tools, nodes and edges with every statistic the day has and the
 * graph analytics, keys in a fixed order. Statistics the day does not have (latency, reach, ...) are {@code null}.
 * {@link #parse} reads the graph back (edges and vertex kinds and statistics), which is how the next night's diff
 * reads this day.
 */
public final class GraphJson {
  public static final String FORMAT = "tracegraph.graph/1";

  private GraphJson() {}

  /** The graph without operations (a links-only day): {@code operation_edges} and the keys after it are null. */
  public static String render(GraphAnalytics analytics) {
    return render(analytics, null);
  }

  /**
   * The graph with the day's operation graph, call patterns and span-link counts ({@code operation_edges},
   * {@code call_patterns}, {@code span_links}, after every key of the first format; null when {@code operations} is).
   */
  public static String render(GraphAnalytics analytics, OperationsReport operations) {
    ServiceGraph g = analytics.graph();
    GraphData data = g.data();
    ServiceDepths depths = analytics.depths();
    CallCycles cycles = analytics.cycles();

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("date", data.date().toString());
    root.put("traces", data.traces());
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("services", count(data, NodeKind.SERVICE));
    summary.put("peers", count(data, NodeKind.PEER));
    summary.put("unknown", count(data, NodeKind.UNKNOWN));
    summary.put("edges", data.edges().size());
    summary.put("calls", data.totalCalls());
    summary.put("errors", data.totalErrors());
    summary.put("entry_points", List.copyOf(depths.entryPoints()));
    summary.put("max_depth", depths.maxDepth());
    summary.put("cycles", cycles.cycles().size());
    summary.put("self_calls", cycles.selfCalls().size());
    root.put("summary", summary);

    List<Map<String, Object>> nodes = new ArrayList<>();
    for (NodeFacts f : analytics.nodes()) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("id", f.name());
      n.put("kind", f.kind().key());
      n.put("entry_point", f.entryPoint());
      n.put("depth", f.depth());
      n.put("fan_in", f.fanIn());
      n.put("fan_out", f.fanOut());
      n.put("calls_in", f.callsIn());
      n.put("errors_in", f.errorsIn());
      n.put("calls_out", f.callsOut());
      n.put("in_cycle", f.inCycle());
      n.put("dependents", f.dependents());
      n.put("entry_points_affected", f.entryPointsAffected());
      n.put("traces", f.traces());
      n.put("reach", round(f.reach()));
      n.put("self_time_micros", f.selfTimeMicros());
      n.put("declared_entry_point", f.declaredEntryPoint());
      nodes.add(n);
    }
    root.put("nodes", nodes);

    List<Map<String, Object>> edges = new ArrayList<>();
    for (CallEdge e : g.edges()) {
      CallStats s = e.stats();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", s.parent());
      m.put("target", s.child());
      m.put("calls", s.calls());
      m.put("errors", s.errors());
      m.put("error_rate", round(s.errorRate()));
      m.put("p50_micros", s.p50Micros());
      m.put("p99_micros", s.p99Micros());
      m.put("calls_per_hour", s.callsPerHour() == null ? null : s.callsPerHour().counts());
      edges.add(m);
    }
    root.put("edges", edges);
    root.put("components", cycles.components());
    root.put("cycles", cycles.cycles());
    root.put("self_calls", cycles.selfCalls());

    Surprises surprises = analytics.surprises();
    List<Map<String, Object>> list = new ArrayList<>();
    for (Surprises.Surprise s : surprises.list()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("service", s.service());
      m.put("reach", round(s.reach()));
      m.put("callers", s.callers());
      m.put("dependents", s.dependents());
      m.put("entry_points_affected", s.entryPoints());
      list.add(m);
    }
    root.put("surprises", surprises.available() ? list : null);
    root.put("operation_edges", operations == null ? null : operationEdges(operations.graph()));
    root.put("call_patterns", operations == null ? null : callPatterns(operations.patterns()));
    root.put("span_links", operations == null ? null : spanLinks(operations.linkCounts()));
    return Json.write(root);
  }

  private static List<Map<String, Object>> operationEdges(OperationGraphView graph) {
    List<Map<String, Object>> edges = new ArrayList<>();
    for (OperationLink l : graph.links()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("caller", l.caller());
      m.put("caller_operation", l.callerOperation());
      m.put("callee", l.callee());
      m.put("callee_operation", l.calleeOperation());
      m.put("connection_type", l.type().key());
      m.put("via_links", l.viaLinks());
      m.put("calls", l.calls());
      m.put("errors", l.errors());
      m.put("error_rate", round(l.errorRate()));
      m.put("p50_micros", l.p50Micros());
      m.put("p99_micros", l.p99Micros());
      m.put("gap_p50_micros", l.gapP50Micros());
      m.put("gap_p99_micros", l.gapP99Micros());
      edges.add(m);
    }
    return edges;
  }

  private static List<Map<String, Object>> callPatterns(List<CallPatterns.Finding> findings) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CallPatterns.Finding f : findings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pattern", f.pattern().key());
      m.put("caller", f.key().caller());
      m.put("caller_operation", f.key().callerOperation());
      m.put("callee", f.key().callee());
      m.put("callee_operation", f.key().calleeOperation());
      m.put("occurrences", f.occurrences());
      m.put("calls", f.calls());
      m.put("max_calls", f.maxCalls());
      m.put("threshold_calls", f.thresholdCalls());
      m.put("parent_spans", f.parentSpans());
      m.put("traces", f.traces());
      m.put("critical_path_added_micros", Math.round(f.criticalPathAddedNanos() / 1000.0));
      m.put("example_trace_ids", f.examples().stream().map(TopTraces.Example::traceIdHex).toList());
      rows.add(m);
    }
    return rows;
  }

  private static Map<String, Object> spanLinks(Map<LinkedMessages.Count, Long> counts) {
    Map<String, Object> m = new LinkedHashMap<>();
    counts.forEach((c, n) -> m.put(c.key(), n));
    return m;
  }

  /** Reads a graph.json back into graph data (what the diff needs: vertices, kinds, edges, statistics). */
  public static GraphData parse(String json) {
    try {
      JsonNode root = Json.mapper().readTree(json);
      if (root == null || !FORMAT.equals(root.path("format").asText())) {
        throw new IllegalArgumentException("not a " + FORMAT + " document");
      }
      LocalDate date = LocalDate.parse(root.get("date").asText());
      Long traces = root.get("traces").isNull() ? null : root.get("traces").asLong();
      Map<String, ServiceStats> services = new TreeMap<>();
      for (JsonNode n : root.get("nodes")) {
        String id = n.get("id").asText();
        services.put(id, new ServiceStats(id, NodeKind.ofKey(n.get("kind").asText()), optLong(n, "traces"),
            optLong(n, "self_time_micros"), n.path("declared_entry_point").asBoolean(false)));
      }
      List<CallStats> edges = new ArrayList<>();
      for (JsonNode e : root.get("edges")) {
        Long p50 = optLong(e, "p50_micros");
        Long p99 = optLong(e, "p99_micros");
        HourlyCounts hourly = null;
        if (e.hasNonNull("calls_per_hour")) {
          List<Long> counts = new ArrayList<>();
          e.get("calls_per_hour").forEach(c -> counts.add(c.asLong()));
          hourly = new HourlyCounts(counts);
        }
        edges.add(new CallStats(e.get("source").asText(), e.get("target").asText(), e.get("calls").asLong(),
            e.get("errors").asLong(), p50 == null || p99 == null ? null : new EdgeLatency(p50, p99), hourly));
      }
      return new GraphData(date, traces, edges, new TreeMap<>(services));
    } catch (IOException | NullPointerException e) {
      throw new IllegalArgumentException("not a readable " + FORMAT + " document: " + e, e);
    }
  }

  private static Long optLong(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asLong() : null;
  }

  private static long count(GraphData data, NodeKind kind) {
    return data.services().values().stream().filter(s -> s.kind() == kind).count();
  }

  /** Six decimals: enough for rates, and the same text on every run. */
  static Double round(Double value) {
    return value == null ? null : Math.round(value * 1e6) / 1e6;
  }
}
