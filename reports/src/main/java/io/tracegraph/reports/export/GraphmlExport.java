package io.tracegraph.reports.export;

import io.tracegraph.reports.InvisibleCharacters;
import io.tracegraph.reports.graph.CallEdge;
import io.tracegraph.reports.graph.EdgeLatency;
import io.tracegraph.reports.graph.ServiceGraph;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code graph.graphml}: the graph as GraphML (yEd, Gephi, Cytoscape, NetworkX), with typed attributes declared up
 * front: {@code name} and {@code kind} (strings) on nodes, {@code calls} and {@code errors} (longs) on edges, and
 * where the traffic tables measured them {@code traces} (a node's reach) and {@code p50_us}, {@code p99_us} (an edge's
 * call latency; absent means unknown). GraphML
 * ids are XML name tokens, which service names need not be, so nodes are {@code n0}, {@code n1}, ... in name order
 * and the name is the {@code name} attribute. This class's {@link #xml} is the one XML escape: {@code & < > " '} as
 * entities, tab, CR, LF and the {@link InvisibleCharacters} (bidi overrides, ...) as character references, so every
 * name reads back unchanged; only the characters XML 1.0 cannot carry at all (the C0 controls other than tab, CR,
 * LF, and unpaired surrogates) are written as the text {@code \\uXXXX}.
 */
public final class GraphmlExport {
  private GraphmlExport() {}

  public static String render(ServiceGraph g) {
    StringBuilder sb = new StringBuilder();
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    sb.append("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n");
    sb.append("    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n");
    sb.append("    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns ")
        .append("http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    sb.append("  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n");
    sb.append("  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n");
    sb.append("  <key id=\"calls\" for=\"edge\" attr.name=\"calls\" attr.type=\"long\"/>\n");
    sb.append("  <key id=\"errors\" for=\"edge\" attr.name=\"errors\" attr.type=\"long\"/>\n");
    // Present only where measured (the traffic tables): absent data means unknown, never zero.
    sb.append("  <key id=\"traces\" for=\"node\" attr.name=\"traces\" attr.type=\"long\"/>\n");
    sb.append("  <key id=\"p50_us\" for=\"edge\" attr.name=\"p50_us\" attr.type=\"long\"/>\n");
    sb.append("  <key id=\"p99_us\" for=\"edge\" attr.name=\"p99_us\" attr.type=\"long\"/>\n");
    sb.append("  <graph id=\"tracegraph-").append(g.data().date()).append("\" edgedefault=\"directed\">\n");
    Map<String, String> ids = new HashMap<>();
    List<String> vertices = g.vertices();
    for (int i = 0; i < vertices.size(); i++) {
      String v = vertices.get(i);
      ids.put(v, "n" + i);
      sb.append("    <node id=\"n").append(i).append("\"><data key=\"name\">").append(xml(v))
          .append("</data><data key=\"kind\">").append(g.kind(v).key()).append("</data>");
      Long traces = g.stats(v).traces();
      if (traces != null) sb.append("<data key=\"traces\">").append(traces).append("</data>");
      sb.append("</node>\n");
    }
    int i = 0;
    for (CallEdge e : g.edges()) {
      sb.append("    <edge id=\"e").append(i++).append("\" source=\"").append(ids.get(e.parent()))
          .append("\" target=\"").append(ids.get(e.child())).append("\">")
          .append("<data key=\"calls\">").append(e.calls()).append("</data>")
          .append("<data key=\"errors\">").append(e.errors()).append("</data>");
      EdgeLatency latency = e.stats().latency();
      if (latency != null) {
        sb.append("<data key=\"p50_us\">").append(latency.p50Micros()).append("</data>")
            .append("<data key=\"p99_us\">").append(latency.p99Micros()).append("</data>");
      }
      sb.append("</edge>\n");
    }
    sb.append("  </graph>\n</graphml>\n");
    return sb.toString();
  }

  static String xml(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    s.codePoints().forEach(c -> {
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          boolean legal = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000;
          // Tab, CR and LF are legal but attribute normalisation turns them into spaces: keep them as references,
          // and the invisible characters too, so that a text editor shows them.
          if (c == 0x9 || c == 0xA || c == 0xD) sb.append("&#").append(c).append(';');
          else if (!legal) sb.append(InvisibleCharacters.visible(c));
          else if (InvisibleCharacters.is(c)) sb.append(String.format(Locale.ROOT, "&#x%X;", c));
          else sb.appendCodePoint(c);
        }
      }
    });
    return sb.toString();
  }
}
