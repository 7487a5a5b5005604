package io.tracegraph.reports;

import io.tracegraph.model.DependencyLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zipkin's dependency-link JSON ({@code GET /api/v2/dependencies}):
 * {@code [{"parent":"a","child":"b","callCount":3,"errorCount":1}]}, sorted by parent then child. Zipkin's UI and
 * tools read it as is.
 */
public final class DependenciesJson {
  private DependenciesJson() {}

  public static String render(List<DependencyLink> links) {
    List<DependencyLink> sorted = new ArrayList<>(links);
    sorted.sort(DependencyLink.ORDER);
    List<Map<String, Object>> out = new ArrayList<>(sorted.size());
    for (DependencyLink link : sorted) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("parent", link.parent());
      m.put("child", link.child());
      m.put("callCount", link.callCount());
      m.put("errorCount", link.errorCount());
      out.add(m);
    }
    return Json.write(out);
  }

  /** Reads the JSON back (for tests and for tools that compare days). */
  public static List<DependencyLink> parse(String json) {
    try {
      List<DependencyLink> links = new ArrayList<>();
      for (var node : Json.mapper().readTree(json)) {
        links.add(new DependencyLink(node.get("parent").asText(), node.get("child").asText(),
            node.get("callCount").asLong(), node.path("errorCount").asLong(0)));
      }
      return links;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not dependency-link JSON: " + e.getMessage(), e);
    }
  }
}
