package io.tracegraph.reports.export;

import io.tracegraph.reports.InvisibleCharacters;
import io.tracegraph.reports.Labels;
import io.tracegraph.reports.graph.CallEdge;
import io.tracegraph.reports.graph.ServiceGraph;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code graph.mmd}: the graph as a Mermaid flowchart, to paste into Markdown (GitHub, GitLab and most wikis render
 * it). Vertices get short ids ({@code n0}, {@code n1}, ... in name order) and the name as a quoted label; peers
 * are drawn as stadiums, services as rounded boxes. Characters that Mermaid reads inside a label are written as
 * its entity codes ({@code #quot;}, {@code #lt;}, ...), so any name stays text (see {@link #label}).
 */
public final class MermaidExport {
  /** Labels longer than this many characters are shortened. */
  static final int MAX_LABEL = 200;

  private MermaidExport() {}

  public static String render(ServiceGraph g) {
    StringBuilder sb = new StringBuilder();
    sb.append("%% tracegraph service graph ").append(g.data().date()).append("\n");
    sb.append("flowchart LR\n");
    Map<String, String> ids = new HashMap<>();
    List<String> vertices = g.vertices();
    for (int i = 0; i < vertices.size(); i++) {
      String v = vertices.get(i);
      String id = "n" + i;
      ids.put(v, id);
      boolean peer = g.kind(v).key().equals("peer");
      sb.append("  ").append(id).append(peer ? "([\"" : "(\"").append(label(v)).append(peer ? "\"])" : "\")")
          .append('\n');
    }
    for (CallEdge e : g.edges()) {
      sb.append("  ").append(ids.get(e.parent())).append(" -->|\"").append(e.calls());
      if (e.errors() > 0) sb.append(" / ").append(e.errors()).append(" err");
      sb.append("\"| ").append(ids.get(e.child())).append('\n');
    }
    return sb.toString();
  }

  /**
   * The one Mermaid label escape: the name, shortened to {@link #MAX_LABEL} characters (Mermaid refuses to draw a
   * diagram of more than 50,000 characters, and the label is only for people: the node id is the identity), with
   * Mermaid's entity codes for the characters that would end or mark up a label and for line breaks, tabs and the
   * {@link InvisibleCharacters}.
   */
  static String label(String name) {
    String s = Labels.shortened(name, MAX_LABEL);
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> sb.append("#quot;");
        case '<' -> sb.append("#lt;");
        case '>' -> sb.append("#gt;");
        case '&' -> sb.append("#amp;");
        case '#' -> sb.append("#35;");
        case '|' -> sb.append("#124;");
        case '`' -> sb.append("#96;");
        case '\n', '\r', '\t' -> sb.append("#").append(c).append(';');
        default -> {
          if (InvisibleCharacters.is(c)) sb.append("#").append(c).append(';');
          else sb.appendCodePoint(c);
        }
      }
    });
    return sb.toString();
  }
}
