package io.tracegraph.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.model.DependencyLink;
import io.tracegraph.reports.export.DotExport;
import io.tracegraph.reports.export.GraphJson;
import io.tracegraph.reports.export.GraphmlExport;
import io.tracegraph.reports.export.MermaidExport;
import io.tracegraph.reports.graph.GraphAnalytics;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.Graphs;
import io.tracegraph.reports.graph.ServiceGraph;
import io.tracegraph.reports.html.DayReport;
import io.tracegraph.reports.html.DayReportHtml;
import io.tracegraph.reports.html.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Hostile service names ({@link HostileNames}) through every output, each read back by a real parser of its format:
 * every name must come back exactly where the format identifies by it (JSON, DOT, GraphML, the page's data), or
 * as its documented display form where it is only shown (Mermaid labels, the HTML page's text), and no name may
 * add markup, end a string early or write an invisible character raw.
 */
class HostileNamesTest {
  static final GraphData GRAPH = HostileNames.graph(Graphs.DAY);
  static final ServiceGraph G = new ServiceGraph(GRAPH);
  static final Set<String> NAMES = new TreeSet<>(GRAPH.services().keySet());

  @Test
  void theGraphHoldsEveryHostileName() {
    assertTrue(NAMES.containsAll(HostileNames.ALL));
    assertEquals(HostileNames.ALL.size() + 1, NAMES.size());
  }

  /** JSON: Jackson reads every name back exactly; the invisible characters are written as \\u escapes. */
  @Test
  void jsonKeepsEveryNameAndEscapesTheInvisibleOnes() {
    String graphJson = GraphJson.render(GraphAnalytics.of(GRAPH));
    assertEquals(NAMES, OutputsReadBack.graphJsonNames(graphJson));
    assertEquals(GRAPH, GraphJson.parse(graphJson));
    List<DependencyLink> links = new ArrayList<>();
    GRAPH.edges().forEach(e -> links.add(new DependencyLink(e.parent(), e.child(), e.calls(), e.errors())));
    String dependencies = DependenciesJson.render(links);
    assertEquals(NAMES, OutputsReadBack.dependenciesJsonNames(dependencies));
    for (String json : List.of(graphJson, dependencies, Json.compact(List.copyOf(NAMES)))) {
      assertTrue(json.codePoints().noneMatch(InvisibleCharacters::is), "no raw invisible character");
    }
    assertTrue(graphJson.contains("evil\\u202Egpj.exe"), "the override is visible in a text editor");
    assertTrue(graphJson.contains("del\\u007F c1\\u0085"));
  }

  /** DOT: every statement is one the exporter writes, and JGraphT's DOT parser reads every name back exactly. */
  @Test
  void dotKeepsEveryNameInsideItsQuotes() {
    assertEquals(NAMES, OutputsReadBack.dotVertices(DotExport.render(G)));
  }

  /** GraphML: schema-valid XML whose name attributes read back exactly; invisible characters as references. */
  @Test
  void graphmlKeepsEveryNameAsEscapedXml() {
    String graphml = GraphmlExport.render(G);
    assertEquals(NAMES, OutputsReadBack.graphmlNames(graphml));
    assertTrue(graphml.codePoints().noneMatch(InvisibleCharacters::is), "no raw invisible character");
    assertTrue(graphml.contains("evil&#x202E;gpj.exe"));
  }

  /**
   * Mermaid: one node or edge statement per line, labels in Mermaid's entity codes, decoded back to each name,
   * shortened to 200 characters (the megabyte name too, without splitting its emoji).
   */
  @Test
  void mermaidLabelsDecodeToEveryName() {
    String mmd = MermaidExport.render(G);
    Set<String> expected = NAMES.stream().map(n -> Labels.shortened(n, 200)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, OutputsReadBack.mermaidLabels(mmd));
    assertTrue(mmd.length() < 50_000, "under Mermaid's default maxTextSize: " + mmd.length());
    String shortened = Labels.shortened(HostileNames.MEGABYTE, 200);
    assertEquals(200, shortened.codePointCount(0, shortened.length()));
    assertTrue(shortened.endsWith("\uD83D\uDE00\u2026"), "the emoji at character 199 is kept whole");
  }

  /**
   * HTML: parsed by jsoup, the page has no element or attribute that a plain day's page lacks (no image, no extra
   * script, no event handler), its data block parses as JSON and gives back every name exactly, each table cell
   * shows its name as text (shortened, invisible characters as \\uXXXX), the SVG labels are cut whole characters,
   * and no invisible character is written raw anywhere.
   */
  @Test
  void theHtmlReportShowsEveryNameAsText() {
    String html = DayReportHtml.render(new DayReport(GRAPH, null, null, List.of()));
    Document page = OutputsReadBack.html(html);
    Set<String> plain = OutputsReadBack.markup(OutputsReadBack.html(
        DayReportHtml.render(new DayReport(Graphs.shop(), null, null, List.of()))));
    Set<String> added = new TreeSet<>(OutputsReadBack.markup(page));
    added.removeAll(plain);
    assertEquals(Set.of(), added, "hostile names add no element or attribute");
    assertEquals(2, page.getElementsByTag("script").size(), "the data block and the page's own script");
    assertEquals(NAMES, OutputsReadBack.htmlDataNames(page), "the data block round-trips every name");

    Set<String> cells = new TreeSet<>();
    for (Element td : page.select("#services td.name")) cells.add(td.wholeText());
    assertEquals(NAMES.stream().map(OutputsReadBack::shownInHtml).collect(Collectors.toCollection(TreeSet::new)), cells);
    assertTrue(cells.contains("evil\\u202Egpj.exe"), "the override is shown, not obeyed");

    Set<String> labels = new TreeSet<>();
    for (Element text : page.select("svg#graph g.node text")) labels.add(text.wholeText());
    assertEquals(NAMES.size(), labels.size());
    assertTrue(labels.contains("mb-" + "m".repeat(25) + "\uD83D\uDE00\u2026"), "cut after the whole emoji");

    assertTrue(html.codePoints().noneMatch(InvisibleCharacters::is), "no raw invisible character");
    assertTrue(html.length() < 4 * HostileNames.MEGABYTE.length(), "the megabyte name is whole only in the data: "
        + html.length());
    assertFalse(html.contains(HostileNames.MEGABYTE.substring(0, Html.MAX_NAME + 10)));
  }

  /** CSV: Commons CSV reads each cell back; names that a spreadsheet would run as formulas carry a leading '. */
  @Test
  void csvCellsReadBackWithFormulasNeutralised() {
    StringBuilder sb = new StringBuilder();
    List<List<Object>> rows = new ArrayList<>();
    for (String name : NAMES) rows.add(List.of(name, 12L, -0.25, name.length()));
    rows.forEach(r -> Csv.line(sb, r));
    List<List<String>> back = OutputsReadBack.csv(sb.toString());
    assertEquals(rows.size(), back.size(), "one record per row: no name split a line");
    for (int i = 0; i < rows.size(); i++) {
      String name = (String) rows.get(i).get(0);
      boolean formula = "=+-@\t\r\n\uFF1D".indexOf(name.charAt(0)) >= 0;
      assertEquals(List.of(formula ? "'" + name : name, "12", "-0.25", String.valueOf(name.length())), back.get(i));
    }
  }
}
