package io.tracegraph.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.reports.HostileNames;
import io.tracegraph.reports.OutputsReadBack;
import io.tracegraph.reports.graph.GraphData;
import io.tracegraph.reports.graph.Graphs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report as a person sees it: headless Chromium opens the files from disk, and the page must load without a
 * console error, an exception or a CSP violation, request nothing but itself, draw one node per service, keep the
 * hostile name as text (no image element, no dialog), and respond to a click and to the focus box. Screenshots go to
 * {@code reports/target/screenshots/}.
 */
class ReportBrowserTest extends BrowserTestBase {
  static Map<String, String> probes(String xssNodeIndex, String consumerNodeIndex) {
    Map<String, String> p = new LinkedHashMap<>();
    // Click a service, follow the details' link to its operations: the block opens, showing its operations.
    p.put("operationsLink", "(function(){var n=document.querySelector('svg#graph g.node[data-i=\"" + consumerNodeIndex
        + "\"]');n.dispatchEvent(new MouseEvent('click',{bubbles:true}));var a=document.querySelector('#details a.ops-link');"
        + "if(!a)return null;a.click();var b=document.querySelector(a.getAttribute('href'));"
        + "return b.open?b.querySelector('summary b').textContent+'|'+b.querySelectorAll('tr.op').length:'closed';})()");
    p.put("operationBlocks", "document.querySelectorAll('details.ops').length");
    p.put("patternRows", "(function(){var s=document.getElementById('call-patterns');"
        + "return s?s.querySelectorAll('tbody tr').length:-1;})()");
    p.put("nodes", "document.querySelectorAll('svg#graph g.node').length");
    p.put("edges", "document.querySelectorAll('svg#graph g.edge').length");
    p.put("images", "document.querySelectorAll('img').length");
    p.put("xssText", "(function(){var n=document.querySelector('svg#graph g.node[data-i=\"" + xssNodeIndex
        + "\"] text');return n?n.textContent:null;})()");
    p.put("clickDetails", "(function(){var n=document.querySelector('svg#graph g.node[data-i=\"" + xssNodeIndex
        + "\"]');n.dispatchEvent(new MouseEvent('click',{bubbles:true}));var d=document.getElementById('details');"
        + "return d.hidden?null:d.querySelector('h4').textContent;})()");
    p.put("sparklines", "document.querySelectorAll('#hourly svg.spark').length");
    p.put("tables", "['slowest-edges','surprises','error-origins','critical-path','trace-quality','latency-regressions']"
        + ".filter(function(id){return document.getElementById(id) !== null;}).length");
    p.put("focused", "(function(){var f=document.getElementById('filter');f.value='feature-flags';"
        + "f.dispatchEvent(new Event('input'));return document.querySelectorAll('svg#graph g.node.on').length;})()");
    return p;
  }

  @Test
  void theDayReportLoadsCleanlyAndShowsEveryService() throws Exception {
    for (boolean rich : List.of(false, true)) {
      DayReport report = ReportFixtures.report(rich);
      Path dir = Files.createDirectories(tmp.resolve(rich ? "rich" : "plain"));
      Path page = dir.resolve("index.html");
      Files.writeString(page, DayReportHtml.render(report));
      List<String> vertices = List.copyOf(report.graph().services().keySet());
      String xss = String.valueOf(vertices.indexOf(ReportFixtures.XSS));
      String consumer = String.valueOf(vertices.indexOf("svc06"));

      HeadlessChromium.PageResult r = chromium.load(page, 1400, 1000, probes(xss, consumer),
          SCREENSHOTS.resolve("fixture-" + (rich ? "rich" : "counts-only") + ".png"));

      assertEquals(List.of(), r.problems(), "console errors, exceptions, CSP violations");
      assertEquals(List.of(page.toUri().toString()), r.requests(), "the page requests nothing but itself");
      assertEquals(vertices.size(), r.values().get("nodes").asInt());
      assertEquals(report.graph().edges().size(), r.values().get("edges").asInt());
      assertEquals(0, r.values().get("images").asInt(), "the hostile name made no image");
      assertEquals(GraphSvg.label(ReportFixtures.XSS), r.values().get("xssText").asText());
      assertTrue(r.values().get("clickDetails").asText().startsWith(ReportFixtures.XSS), "details name it as text");
      assertTrue(r.values().get("focused").asInt() > 1, "focus shows feature-flags and its neighbours");
      assertTrue(Files.size(r.screenshot()) > 10_000);
      if (rich) {
        assertEquals("svc06|" + report.operations().graph().operationsOf("svc06").size(),
            r.values().get("operationsLink").asText(), "the link opens the service's operations");
        assertEquals(report.operations().graph().services().size(), r.values().get("operationBlocks").asInt());
        assertEquals(3, r.values().get("patternRows").asInt());
        assertEquals(6, r.values().get("tables").asInt(), "the latency, reach and analysis tables are shown");
        assertEquals(Cells.TOP + 1, r.values().get("sparklines").asInt(), "all edges and the busiest 15");
      } else {
        assertTrue(r.values().get("operationsLink").isNull(), "no operations: no link");
        assertEquals(-1, r.values().get("patternRows").asInt());
        assertEquals(1, r.values().get("tables").asInt(), "only the latency note of the changes");
        assertEquals(0, r.values().get("sparklines").asInt());
      }
    }
  }

  /**
   * The page's script shows names by the same rules as the page (report.js {@code shown()} = {@link Html#name}): a
   * right-to-left override as the text \\u202E, a megabyte name shortened, in the click details too.
   */
  @Test
  void theScriptShowsHostileNamesAsThePageDoes() throws Exception {
    GraphData graph = HostileNames.graph(Graphs.DAY);
    Path page = Files.createDirectories(tmp.resolve("hostile")).resolve("index.html");
    Files.writeString(page, DayReportHtml.render(new DayReport(graph, null, null, List.of())));
    List<String> vertices = List.copyOf(graph.services().keySet());
    Map<String, String> probes = new LinkedHashMap<>();
    for (String name : List.of(HostileNames.RLO, HostileNames.MEGABYTE, "tab\there")) {
      probes.put(String.valueOf(vertices.indexOf(name)), "(function(){var n=document.querySelector("
          + "'svg#graph g.node[data-i=\"" + vertices.indexOf(name) + "\"]');n.dispatchEvent(new MouseEvent('click',"
          + "{bubbles:true}));return document.getElementById('details').querySelector('h4').textContent;})()");
    }
    probes.put("images", "document.querySelectorAll('img').length");
    HeadlessChromium.PageResult r = chromium.load(page, 1400, 1000, probes, SCREENSHOTS.resolve("hostile.png"));
    assertEquals(List.of(), r.problems(), "console errors, exceptions, CSP violations");
    assertEquals(0, r.values().get("images").asInt());
    for (String name : List.of(HostileNames.RLO, HostileNames.MEGABYTE, "tab\there")) {
      assertEquals(OutputsReadBack.shownInHtml(name) + " (" + graph.services().get(name).kind().key() + ")",
          r.values().get(String.valueOf(vertices.indexOf(name))).asText(), name.substring(0, 8));
    }
  }

  @Test
  void theIndexLoadsCleanly() throws Exception {
    Path page = tmp.resolve("index.html");
    Files.writeString(page, ReportsIndexHtml.render(List.of(
        new ReportsIndexHtml.Day("2026-03-02", true, 20L, 5L, 40L, 1000L, 10L, 3),
        new ReportsIndexHtml.Day("2026-03-01", true, 20L, 5L, 40L, 900L, 9L, 0))));
    HeadlessChromium.PageResult r = chromium.load(page, 900, 400,
        Map.of("rows", "document.querySelectorAll('tbody tr').length"), SCREENSHOTS.resolve("index.png"));
    assertEquals(List.of(), r.problems());
    assertEquals(List.of(page.toUri().toString()), r.requests());
    assertEquals(2, r.values().get("rows").asInt());
  }
}
