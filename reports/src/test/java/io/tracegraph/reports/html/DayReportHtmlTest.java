package io.tracegraph.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.reports.graph.GraphData;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The day report's HTML as text: escaped, self-contained, deterministic, and showing what the day has. */
class DayReportHtmlTest {
  private final DayReport rich = ReportFixtures.report(true);
  private final DayReport plain = ReportFixtures.report(false);
  private final String richHtml = DayReportHtml.render(rich);
  private final String plainHtml = DayReportHtml.render(plain);

  /** A service called {@code <img src=x onerror=alert(1)>} appears only escaped: as text, in titles and in JSON. */
  @Test
  void everyNameFromTheDataIsEscaped() {
    for (String html : List.of(richHtml, plainHtml)) {
      assertFalse(html.contains(ReportFixtures.XSS), "raw name in the page");
      assertFalse(html.contains("<img"), "the page has no images at all");
      assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "escaped as text");
      assertTrue(html.contains("\\u003cimg src=x onerror=alert(1)\\u003e"), "escaped in the JSON block");
    }
  }

  /** No reference to anything outside the page: no external scripts, styles, images, fonts or frames. */
  @Test
  void thePageIsSelfContained() {
    for (String html : List.of(richHtml, plainHtml)) {
      assertFalse(Pattern.compile("<[a-z][^>]*\\s(src|srcset)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find());
      assertFalse(html.contains("<link"));
      assertFalse(html.contains("@import") || html.contains("url(http"));
      String withoutNamespace = html.replace("http://www.w3.org/2000/svg", "");
      assertFalse(withoutNamespace.contains("http://") || withoutNamespace.contains("https://"));
      assertTrue(html.contains("default-src 'none'"));
    }
  }

  /** The policy allows exactly the page's own script and style, by hash. */
  @Test
  void contentSecurityPolicyHashesMatchTheInlineCode() {
    Matcher script = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(richHtml);
    assertTrue(script.find());
    Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(richHtml);
    assertTrue(style.find());
    assertTrue(richHtml.contains("script-src " + Html.cspHash(script.group(1)) + ";"));
    assertTrue(richHtml.contains("style-src " + Html.cspHash(style.group(1)) + ";"));
  }

  @Test
  void theSameDataGivesTheSameBytes() {
    assertEquals(richHtml, DayReportHtml.render(ReportFixtures.report(true)));
    assertEquals(plainHtml, DayReportHtml.render(ReportFixtures.report(false)));
  }

  /** One SVG node per vertex and one edge group per edge. */
  @Test
  void theGraphHasEveryVertexAndEdge() {
    GraphData g = plain.graph();
    assertEquals(g.services().size(), count(plainHtml, "<g class=\"node "));
    assertEquals(g.edges().size(), count(plainHtml, "<g class=\"edge "));
  }

  /**
   * With counts only, the latency, reach, self-time, per-hour and other jobs' sections are left out and named as
   * missing; with all statistics they are shown.
   */
  @Test
  void sectionsFollowTheDataPresent() {
    assertFalse(plainHtml.contains("Slowest edges"));
    assertFalse(plainHtml.contains("id=\"hourly\""));
    assertFalse(plainHtml.contains("<h3>Surprises"));
    for (String missing : List.of("slowest edges", "surprises and reach", "self time", "calls per hour", "error origins",
        "critical-path shares", "trace quality")) {
      assertTrue(plainHtml.contains(missing), missing);
    }
    for (String present : List.of("Slowest edges (p99)", "<h3>Surprises", "id=\"hourly\"", "id=\"error-origins\"",
        "<th class=\"n\">reach</th>", "<th class=\"n\">self time</th>")) {
      assertTrue(richHtml.contains(present), present);
    }
    for (String present : List.of("id=\"critical-path\"", "id=\"trace-quality\"", "id=\"slowest-edges\"",
        "id=\"surprises\"", "class=\"spark\"", "<tr class=\"total\">")) {
      assertTrue(richHtml.contains(present), present);
    }
    assertFalse(richHtml.contains("Not in this report"), "the rich day has every section");
    assertFalse(richHtml.contains("slowest edges (needs"));
  }

  /** The new tables escape names in every cell, and show shares and durations in readable units, sortable by value. */
  @Test
  void analysisTablesEscapeAndFormatTheirCells() {
    String critical = section(richHtml, "critical-path");
    assertTrue(critical.contains("<td class=\"name\">&lt;img src=x onerror=alert(1)&gt;</td>"), critical);
    assertTrue(critical.contains("<td class=\"n\" data-v=\"0.42\">42%</td>"), critical);
    assertTrue(critical.contains("<td class=\"n\" data-v=\"12300.0\">12.3 ms</td>"), critical);
    String quality = section(richHtml, "trace-quality");
    assertTrue(quality.contains("<tr><td></td><td class=\"name\">&lt;img"), "a null caller is an empty cell");
  }

  /** The latency part of the changes lists the slowed edge with its medians, change, samples and p-value. */
  @Test
  void theChangesSectionShowsLatencyRegressions() {
    String latency = richHtml.substring(richHtml.indexOf("<div id=\"latency-regressions\""),
        richHtml.indexOf("<section id=\"graph-section\">"));
    assertEquals(1, count(latency, "<tr><td class=\"name\">"), "one regression: " + latency);
    assertTrue(latency.contains("<td class=\"name\">svc07</td><td class=\"name\">feature-flags</td>"));
    assertTrue(latency.contains(">+100%</td>") || latency.contains("flag-up"), latency);
    assertTrue(latency.contains("60 / 60"));
    assertTrue(latency.contains("Mann-Whitney"));
    assertEquals(1, rich.diff().latencyRegressions().size());
    assertTrue(latency.contains(Html.pValue(rich.diff().latencyRegressions().get(0).pValue())));
  }

  /**
   * The rich day's operations: one collapsed block per service, named as text the script matches; each
   * operation with its callers and callees; hostile operation names escaped; a counts-only day names the view missing.
   */
  @Test
  void operationsByServiceListEachServicesOperations() {
    String ops = section(richHtml, "operations");
    assertEquals(rich.operations().graph().services().size(), count(ops, "<details class=\"ops\""));
    assertTrue(ops.contains("<summary><b>&lt;img src=x onerror=alert(1)&gt;</b>"), "the name as text");
    int checkout = ops.indexOf("<summary><b>svc06</b>");
    String svc06 = ops.substring(checkout, ops.indexOf("</details>", checkout));
    assertTrue(svc06.contains("<tr class=\"op\"><td colspan=\"7\">process orders</td></tr>"), svc06);
    assertTrue(svc06.contains("<td>\u2190</td><td class=\"name\">svc05</td><td class=\"name\">POST /orders</td>"
        + "<td>messaging, via links</td>"), svc06);
    assertFalse(plainHtml.contains("id=\"operations\""));
    assertTrue(plainHtml.contains("operations by service and call patterns"), "named as missing");
  }

  /** Call patterns worth a look: most critical-path time first, with example traces; the hostile names escaped. */
  @Test
  void callPatternsAreListedByTheTimeTheyAdd() {
    String patterns = section(richHtml, OperationReportTables.CALL_PATTERNS);
    assertTrue(patterns.indexOf(">N+1<") < patterns.indexOf(">retry<"), "95 s added before 41 s");
    assertTrue(patterns.indexOf(">retry<") < patterns.indexOf(">fan-out<"));
    assertTrue(patterns.contains("<td class=\"n\" data-v=\"9.5E7\">95.00 s</td>"), patterns);
    assertTrue(patterns.contains("00000000000000010000000000000002"), "the example trace");
    assertTrue(patterns.contains("at least 5 times"), patterns);
    assertEquals(3, count(patterns, "<tr><td class=\"name\">"));
  }

  /** The span links section: the producer → consumer messages and every count of the day's links. */
  @Test
  void spanLinksShowTheMessagesAndTheCounts() {
    String links = section(richHtml, OperationReportTables.SPAN_LINKS);
    assertTrue(links.contains("1,310 links on 90 spans; 1,200 joined to their producer; 100 to spans outside the "
        + "read window"), links);
    assertTrue(links.contains("; 7 to producers and 3 of consumers without a service name (no call); 0 unreadable"),
        links);
    assertTrue(links.contains("<td class=\"name\">svc05</td><td class=\"name\">POST /orders</td>"
        + "<td class=\"name\">svc06</td>"), links);
    assertTrue(links.contains("40.0 ms"), "time in broker p50");
  }

  static String section(String html, String id) {
    int from = html.indexOf("<section id=\"" + id + "\">");
    assertTrue(from >= 0, id);
    return html.substring(from, html.indexOf("</section>", from));
  }

  /** The fixture's three changes show up in the changes section, with the p-value of the error-rate test. */
  @Test
  void theChangesSectionShowsTheDiff() {
    String changes = plainHtml.substring(plainHtml.indexOf("<section id=\"changes\">"),
        plainHtml.indexOf("<section id=\"graph-section\">"));
    assertTrue(changes.contains("loyalty"));
    assertTrue(changes.contains("legacy-billing"));
    assertTrue(changes.contains("feature-flags"));
    assertTrue(changes.contains("p-value"));
    assertTrue(changes.contains("Not compared: the output has no per-edge latency"));
  }

  /** The index lists days newest first and links to each day's report. */
  @Test
  void theIndexListsDaysNewestFirst() {
    String html = ReportsIndexHtml.render(List.of(
        new ReportsIndexHtml.Day("2026-03-01", false, null, null, null, null, null, null),
        new ReportsIndexHtml.Day("2026-03-02", true, 20L, 5L, 40L, 1000L, 10L, 3)));
    assertTrue(html.indexOf("2026-03-02/index.html") < html.indexOf("2026-03-01/dependencies.json"));
    assertTrue(html.contains(">1.0%<"));
    assertTrue(html.contains("2 days"));
  }

  static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
    return n;
  }
}
