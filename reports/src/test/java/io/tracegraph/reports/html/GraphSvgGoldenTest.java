package io.tracegraph.reports.html;

import io.tracegraph.reports.Golden;
import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.Graphs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The graph drawing, byte for byte: the SVG of the 67-vertex report fixture and of seeded random graphs (cycles,
 * self-calls, long edges, isolated vertices) against golden files. The layout's steps can be reorganised; what they
 * draw must not move by a pixel unless the golden files are updated on purpose.
 */
class GraphSvgGoldenTest {
  @Test
  void theReportFixtureIsDrawnAsBefore() {
    Golden.assertMatches("graph-svg-big-shop.svg",
        new GraphSvg(GraphAnalytics.of(ReportFixtures.bigShop(true))).render());
  }

  @Test
  void theSmallShopIsDrawnAsBefore() {
    Golden.assertMatches("graph-svg-shop.svg", new GraphSvg(GraphAnalytics.of(Graphs.shop())).render());
  }

  @Test
  void randomGraphsAreDrawnAsBefore() {
    StringBuilder all = new StringBuilder();
    for (long seed = 1; seed <= 4; seed++) {
      all.append("<!-- seed ").append(seed).append(" -->\n")
          .append(new GraphSvg(GraphAnalytics.of(randomGraph(seed))).render()).append('\n');
    }
    Golden.assertMatches("graph-svg-random.svg", all.toString());
  }

  /**
   * A random call graph of 5 to 30 vertices: mostly calls "downwards" (to a later vertex, sometimes far, giving long
   * edges), some upwards (cycles), a few self-calls, peers among the callees, and one isolated service.
   */
  static GraphData randomGraph(long seed) {
    Random random = new Random(seed);
    int n = 5 + random.nextInt(26);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) names.add(String.format("s%02d-%s", i, "x".repeat(random.nextInt(12))));
    Map<String, CallStats> edges = new LinkedHashMap<>();
    int m = n + random.nextInt(2 * n);
    for (int k = 0; k < m; k++) {
      int a = random.nextInt(n);
      int r = random.nextInt(20);
      int b = r == 0 ? a : r < 4 ? random.nextInt(n) : Math.min(n - 1, a + 1 + random.nextInt(Math.max(1, n / 3)));
      long calls = 1 + (long) Math.exp(random.nextDouble() * 12);
      long errors = random.nextInt(4) == 0 ? calls * random.nextInt(10) / 100 : 0;
      edges.putIfAbsent(names.get(a) + ">" + names.get(b), CallStats.of(names.get(a), names.get(b), calls, errors));
    }
    Set<String> instrumented = new TreeSet<>();
    for (int i = 0; i < n; i++) if (random.nextInt(4) != 0) instrumented.add(names.get(i));
    instrumented.add("lonely");
    return GraphData.of(Graphs.DAY, null, List.copyOf(edges.values()), instrumented);
  }
}
