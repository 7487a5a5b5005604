package io.tracegraph.reports.html;

/** "Dependency graph": the tools (focus box, zoom), the legend and the drawing ({@link GraphSvg}). */
final class GraphSection {
  private GraphSection() {}

  static void render(StringBuilder sb, GraphSvg svg, boolean latency) {
    sb.append("<section id=\"graph-section\">\n<h2>Dependency graph</h2>\n<div class=\"graph-tools\">")
        .append("<input id=\"filter\" type=\"search\" placeholder=\"Focus on a service\u2026\" aria-label=\"Focus on a service\">")
        .append("<button type=\"button\" data-zoom=\"0.8\">\u2212</button><button type=\"button\" data-zoom=\"0\">fit</button>")
        .append("<button type=\"button\" data-zoom=\"1.25\">+</button>")
        .append("<span class=\"legend\"><span><i class=\"ok\"></i>errors &lt; 0.1%</span><span><i class=\"low\"></i>&lt; 1%</span>")
        .append("<span><i class=\"mid\"></i>&lt; 5%</span><span><i class=\"high\"></i>\u2265 5%</span>")
        .append("<span>thicker = more calls; taller = more traffic; dashed box = uninstrumented peer; ")
        .append("blue border = entry point; <i class=\"cyc\"></i>on a call cycle; dashed edge = call back against the flow")
        .append(latency ? "; hover or click an edge for its calls and latency" : "").append("</span></span>")
        .append("</div>\n<div class=\"graph-wrap\"><div id=\"details\" hidden></div>\n").append(svg.render())
        .append("\n</div>\n</section>\n");
  }
}
