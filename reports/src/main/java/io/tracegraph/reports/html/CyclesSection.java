package io.tracegraph.reports.html;

import io.tracegraph.reports.graph.GraphAnalytics;
import java.util.ArrayList;
import java.util.List;

/** "Call cycles": one shortest cycle through each service on one, and the services that call themselves. */
final class CyclesSection {
  private CyclesSection() {}

  static void render(StringBuilder sb, GraphAnalytics a) {
    sb.append("<section id=\"cycles\">\n<h2>Call cycles</h2>\n");
    List<List<String>> cycles = a.cycles().cycles();
    if (cycles.isEmpty()) {
      sb.append("<p class=\"note\">No call cycles between services.</p>\n");
    } else {
      sb.append("<p class=\"note\">Services that call each other, directly or around a loop: a failure or a slow-down ")
          .append("can feed back on itself. One shortest cycle through each service involved.</p>\n<ul>");
      for (List<String> c : cycles) {
        List<String> loop = new ArrayList<>(c.stream().map(Html::shown).toList());
        loop.add(loop.get(0));
        sb.append("<li>").append(Html.text(String.join(" \u2192 ", loop))).append("</li>");
      }
      sb.append("</ul>\n");
    }
    List<String> self = a.cycles().selfCalls();
    if (!self.isEmpty()) {
      sb.append("<p class=\"note\">Services that call themselves: ")
          .append(Html.text(String.join(", ", self.stream().map(Html::shown).toList()))).append(".</p>\n");
    }
    sb.append("</section>\n");
  }
}
