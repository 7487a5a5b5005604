package io.tracegraph.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.nio.dot.DOTImporter;
import org.jgrapht.util.SupplierUtil;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads every output back with a real parser of its format, as the tools that consume it would, and returns the
 * names it finds: JGraphT's DOT importer, the JDK's XML parser for GraphML, Jackson for JSON,
 * jsoup for HTML, Commons CSV for CSV, and for Mermaid its own label rules (a node statement per line, entity codes
 * decoded). Each also checks the grammar around the names strictly, so a name that escapes its quotes fails here.
 */
public final class OutputsReadBack {
  private OutputsReadBack() {}

  /** Every statement graph.dot may hold, once each quoted ID is replaced by {@code Q}. */
  private static final Pattern DOT_LINE = Pattern.compile("digraph Q \\{|  graph \\[rankdir=LR\\];"
      + "|  node \\[shape=box, style=rounded, fontname=Q\\];|  edge \\[fontname=Q, fontsize=10\\];"
      + "|  Q \\[kind=Q(, shape=ellipse)?(, traces=\\d+)?\\];"
      + "|  Q -> Q \\[calls=\\d+, errors=\\d+(, p50_us=\\d+, p99_us=\\d+)?, label=Q\\];|\\}");

  /**
   * The vertex ids of graph.dot, read by JGraphT's DOT importer (an ANTLR grammar of the DOT language), after a
   * strict check that every statement outside the quoted IDs is one the exporter writes.
   */
  public static Set<String> dotVertices(String dot) {
    String skeleton = skeleton(dot);
    for (String line : skeleton.split("\n")) assertTrue(DOT_LINE.matcher(line).matches(), "not a DOT statement: " + line);
    Graph<String, DefaultEdge> g = emptyGraph();
    DOTImporter<String, DefaultEdge> importer = new DOTImporter<>();
    importer.setVertexFactory(id -> id);
    importer.importGraph(g, new StringReader(dot));
    return new TreeSet<>(g.vertexSet());
  }

  /**
   * The DOT text with each quoted ID replaced by {@code Q}, by the DOT rule: inside quotes, a backslash takes the
   * next character with it (so {@code \\"} does not end the ID, and {@code \\\\} before a quote does not escape it).
   */
  static String skeleton(String dot) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dot.length(); i++) {
      char c = dot.charAt(i);
      if (c != '"') {
        sb.append(c);
        continue;
      }
      i++;
      while (dot.charAt(i) != '"') i += dot.charAt(i) == '\\' ? 2 : 1;
      sb.append('Q');
    }
    return sb.toString();
  }

  /**
   * The {@code name} data of graph.graphml's nodes, read by the JDK's XML parser (namespace aware, no external
   * entities). JGraphT's importer validates the same files against the GraphML schema in {@code ExportsTest}; it
   * is too slow for a megabyte of character references.
   */
  public static Set<String> graphmlNames(String graphml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(graphml)));
      NodeList nodes = doc.getElementsByTagNameNS(GRAPHML, "node");
      Set<String> names = new TreeSet<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        NodeList data = ((org.w3c.dom.Element) nodes.item(i)).getElementsByTagNameNS(GRAPHML, "data");
        for (int j = 0; j < data.getLength(); j++) {
          org.w3c.dom.Element d = (org.w3c.dom.Element) data.item(j);
          if (d.getAttribute("key").equals("name")) names.add(d.getTextContent());
        }
      }
      assertEquals(nodes.getLength(), names.size(), "every node has its own name");
      return names;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalArgumentException("not well-formed GraphML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final String GRAPHML = "http://graphml.graphdrawing.org/xmlns";

  private static final Pattern MERMAID_NODE = Pattern.compile("  n\\d+(?:\\(\"([^\"]*)\"\\)|\\(\\[\"([^\"]*)\"\\]\\))");
  private static final Pattern MERMAID_EDGE = Pattern.compile("  n\\d+ -->\\|\"\\d+( / \\d+ err)?\"\\| n\\d+");
  private static final Pattern MERMAID_ENTITY = Pattern.compile("#(\\d+|quot|lt|gt|amp);");

  /**
   * The labels of graph.mmd's nodes, decoded as Mermaid decodes them ({@code #quot;} and {@code #NNN;} entity
   * codes), after a check that every line is the header, a node or an edge, and that no label holds a character
   * that would end or mark it up.
   */
  public static Set<String> mermaidLabels(String mmd) {
    Set<String> labels = new TreeSet<>();
    List<String> lines = mmd.lines().toList();
    assertTrue(lines.get(0).startsWith("%% tracegraph service graph "), lines.get(0));
    assertEquals("flowchart LR", lines.get(1));
    for (String line : lines.subList(2, lines.size())) {
      Matcher node = MERMAID_NODE.matcher(line);
      if (node.matches()) {
        String label = node.group(1) != null ? node.group(1) : node.group(2);
        assertTrue(label.chars().noneMatch(c -> "\"<>&|`\n\r\t".indexOf(c) >= 0), "raw markup in " + line);
        assertTrue(label.codePoints().noneMatch(InvisibleCharacters::is), "raw invisible character in " + line);
        Matcher m = MERMAID_ENTITY.matcher(label);
        StringBuilder decoded = new StringBuilder();
        while (m.find()) {
          String code = m.group(1);
          String c = switch (code) {
            case "quot" -> "\"";
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            default -> new String(Character.toChars(Integer.parseInt(code)));
          };
          m.appendReplacement(decoded, Matcher.quoteReplacement(c));
        }
        m.appendTail(decoded);
        labels.add(decoded.toString());
      } else {
        assertTrue(MERMAID_EDGE.matcher(line).matches(), "not a Mermaid node or edge: " + line);
      }
    }
    return labels;
  }

  /** The node ids of graph.json, read by Jackson. */
  public static Set<String> graphJsonNames(String json) {
    Set<String> names = new TreeSet<>();
    for (JsonNode n : tree(json).get("nodes")) names.add(n.get("id").asText());
    return names;
  }

  /** The parents and children of dependencies.json, read by Jackson. */
  public static Set<String> dependenciesJsonNames(String json) {
    Set<String> names = new TreeSet<>();
    for (JsonNode link : tree(json)) {
      names.add(link.get("parent").asText());
      names.add(link.get("child").asText());
    }
    return names;
  }

  public static JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The HTML page parsed by jsoup, as a browser would build it. */
  public static Document html(String html) {
    return Jsoup.parse(html);
  }

  /** The names in the page's embedded data block ({@code <script type="application/json" id="graph-data">}). */
  public static Set<String> htmlDataNames(Document page) {
    Element data = page.getElementById("graph-data");
    assertEquals("application/json", data.attr("type"));
    Set<String> names = new TreeSet<>();
    for (JsonNode n : tree(data.data()).get("nodes")) names.add(n.get("n").asText());
    return names;
  }

  /** Every element name and attribute name in the page: hostile data must add none. */
  public static Set<String> markup(Document page) {
    Set<String> markup = new TreeSet<>();
    for (Element e : page.getAllElements()) {
      markup.add(e.normalName());
      e.attributes().forEach(a -> markup.add(e.normalName() + "@" + a.getKey()));
    }
    return markup;
  }

  /** The records of a CSV text, read by Commons CSV as RFC 4180. */
  public static List<List<String>> csv(String text) {
    try {
      List<List<String>> rows = new ArrayList<>();
      for (CSVRecord r : CSVFormat.RFC4180.parse(new StringReader(text))) rows.add(r.toList());
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A name as a page shows it: shortened to {@link io.tracegraph.reports.html.Html#MAX_NAME}, invisibles visible. */
  public static String shownInHtml(String name) {
    StringBuilder sb = new StringBuilder();
    Labels.shortened(name, io.tracegraph.reports.html.Html.MAX_NAME).codePoints().forEach(c -> {
      if (InvisibleCharacters.is(c)) sb.append(String.format("\\u%04X", c));
      else sb.appendCodePoint(c);
    });
    return sb.toString();
  }

  private static Graph<String, DefaultEdge> emptyGraph() {
    return GraphTypeBuilder.<String, DefaultEdge>directed().allowingSelfLoops(true).allowingMultipleEdges(true)
        .vertexSupplier(SupplierUtil.createStringSupplier()).edgeSupplier(SupplierUtil.createDefaultEdgeSupplier())
        .buildGraph();
  }
}
