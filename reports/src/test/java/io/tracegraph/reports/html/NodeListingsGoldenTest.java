package io.tracegraph.reports.html;

import io.tracegraph.reports.Golden;
import io.tracegraph.reports.export.GraphJson;
import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.EdgeLatency;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.Graphs;
import io.tracegraph.reports.graph.HourlyCounts;
import io.tracegraph.reports.graph.ServiceStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every output that lists the graph's vertices with their facts, byte for byte against golden files: {@code
 * graph.json}, the report page's data for its script, and the report's services table, for the small shop as the
 * dependency links alone give it and with the latency job's tables (latency, hourly calls, traces, self time).
 */
class NodeListingsGoldenTest {
  private static final List<GraphAnalytics> SHOPS =
      List.of(GraphAnalytics.of(Graphs.shop()), GraphAnalytics.of(richShop()));

  @Test
  void graphJson() {
    StringBuilder all = new StringBuilder();
    for (GraphAnalytics a : SHOPS) all.append(GraphJson.render(a));
    Golden.assertMatches("node-listings-graph.json", all.toString());
  }

  @Test
  void pageData() {
    StringBuilder all = new StringBuilder();
    for (GraphAnalytics a : SHOPS) all.append(PageData.json(a)).append('\n');
    Golden.assertMatches("node-listings-page-data.json", all.toString());
  }

  @Test
  void servicesTable() {
    StringBuilder all = new StringBuilder();
    for (GraphAnalytics a : SHOPS) ServicesSection.render(all, a, new ArrayList<>());
    Golden.assertMatches("node-listings-services.html", all.toString());
  }

  /** The shop with latency and hourly calls on every other edge, and traces and self time on the services. */
  static GraphData richShop() {
    GraphData shop = Graphs.shop();
    List<CallStats> edges = new ArrayList<>();
    int i = 0;
    for (CallStats e : shop.edges()) {
      boolean timed = i++ % 2 == 0;
      edges.add(new CallStats(e.parent(), e.child(), e.calls(), e.errors(),
          timed ? new EdgeLatency(100L * i, 1000L * i + 7) : null,
          timed ? new HourlyCounts(Collections.nCopies(24, e.calls() / 24)) : null));
    }
    List<ServiceStats> stats = new ArrayList<>();
    shop.services().forEach((name, s) -> stats.add(new ServiceStats(name, s.kind(), 37L * name.length(),
        name.startsWith("b") ? null : 1_234_567L * name.length(), name.equals("web"))));
    return new GraphData(shop.date(), 1000L, edges, shop.services()).withServices(stats);
  }
}
