package io.tracegraph.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.Exemplar;
import io.tracegraph.reports.trace.TraceUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The waterfalls as a person sees them, in headless Chromium: a trace link in the report draws one bar per span
 * with the critical path, the error origin and where it surfaced marked and the dominant span named; the hostile
 * service name stays text; a trace of 2,400 spans shows its cut and opens folded to its critical path, and folds and
 * unfolds on click; an edge's panel lists its slowest traces; with --trace-url every trace id also links to the
 * tracing UI, and the page still requests nothing; the trace page of {@code tracegraph trace} draws its trace at once.
 * No console error, exception or CSP violation anywhere. Screenshots go to {@code reports/target/screenshots/}.
 */
class WaterfallBrowserTest extends BrowserTestBase {
  private static String click(String selector) {
    return "document.querySelector('" + selector + "').dispatchEvent(new MouseEvent('click',{bubbles:true}))";
  }

  private static String count(String selector) {
    return "document.querySelectorAll('" + selector + "').length";
  }

  @Test
  void traceLinksDrawWaterfallsInTheReport() throws Exception {
    TraceUrl links = TraceUrl.of("https://jaeger.example/trace/{traceId}");
    DayReport base = ReportFixtures.report(true);
    DayReport report = new DayReport(base.graph(), base.diff(), base.run(), base.tables(), null,
        TraceFixtures.pageTraces(links));
    Path page = Files.createDirectories(tmp.resolve("day")).resolve("index.html");
    Files.writeString(page, DayReportHtml.render(report));
    // The graph's edges are drawn in the ServiceGraph's order; find gateway -> bff01 by its data.
    String selectEdge = "(function(){var d=JSON.parse(document.getElementById('graph-data').textContent);"
        + "var i=d.edges.findIndex(function(e){return d.nodes[e.s].n==='gateway'&&d.nodes[e.t].n==='bff01';});"
        + "document.querySelector('svg#graph g.edge[data-i=\"'+i+'\"]').dispatchEvent(new MouseEvent('click',{bubbles:true}));"
        + "return document.querySelectorAll('#details a.trace').length;})()";

    Map<String, String> p = new LinkedHashMap<>();
    p.put("slowDrawn", "(function(){" + click("a[data-trace=\"" + TraceFixtures.SLOW + "\"]") + ";return "
        + count("#waterfall .wf-bar") + ";})()");
    p.put("critical", count("#waterfall .wf-bar.crit"));
    p.put("sentence", "document.querySelector('#waterfall .wf-sentence b').textContent");
    p.put("dominantBadge", count("#waterfall .badge.dominant"));
    p.put("xssLabel", "Array.prototype.some.call(document.querySelectorAll('#waterfall .wf-label b'),"
        + "function(b){return b.textContent==='" + ReportFixtures.XSS + "';})");
    p.put("images", count("img"));
    p.put("extHref", "document.querySelector('#waterfall .wf-head a.ext').href");
    p.put("failedDrawn", "(function(){" + click("a[data-trace=\"" + TraceFixtures.FAILED + "\"]") + ";return "
        + count("#waterfall .wf-bar.err") + ";})()");
    p.put("origin", "document.querySelector('#waterfall .badge.origin').parentNode.textContent");
    p.put("surfaced", "document.querySelector('#waterfall .badge.surfaced').parentNode.textContent");
    p.put("errorLine", "document.querySelector('#waterfall .wf-error').textContent");
    p.put("bigRows", "(function(){" + click("a[data-trace=\"" + TraceFixtures.BIG + "\"]") + ";return "
        + count("#waterfall .wf-row:not(.wf-axisrow)") + ";})()");
    p.put("bigVisible", count("#waterfall .wf-row:not(.wf-axisrow):not(.hide)"));
    p.put("bigCutNote", "document.querySelector('#waterfall p.note').textContent");
    p.put("bigCutBadges", count("#waterfall .badge.cut"));
    p.put("expanded", "(function(){document.querySelector('#waterfall .wf-tools button').click();return "
        + count("#waterfall .wf-row:not(.wf-axisrow):not(.hide)") + ";})()");
    p.put("rootFolded", "(function(){" + click("#waterfall .wf-toggle") + ";return "
        + count("#waterfall .wf-row:not(.wf-axisrow):not(.hide)") + ";})()");
    p.put("edgePanelTraces", selectEdge);
    p.put("extLinks", count("a.ext[href^=\"https://jaeger.example/trace/\"]"));
    HeadlessChromium.PageResult r = chromium.load(page, 1400, 1000, p,
        SCREENSHOTS.resolve("waterfall-report-top.png"));

    assertEquals(List.of(), r.problems(), "console errors, exceptions, CSP violations");
    assertEquals(List.of(page.toUri().toString()), r.requests(), "the page requests nothing but itself");
    assertEquals(7, r.values().get("slowDrawn").asInt(), "one bar per span");
    assertEquals(7, r.values().get("critical").asInt(), "the whole chain is the critical path");
    assertEquals("<img src=x onerror=alert(1)> \u2192 payment-provider POST /v1/charges <script>: 3.02 s of 3.10 s",
        r.values().get("sentence").asText());
    assertEquals(1, r.values().get("dominantBadge").asInt());
    assertTrue(r.values().get("xssLabel").asBoolean(), "the hostile name is a label's text");
    assertEquals(0, r.values().get("images").asInt(), "and made no image");
    assertEquals("https://jaeger.example/trace/" + TraceFixtures.SLOW, r.values().get("extHref").asText());
    assertEquals(6, r.values().get("failedDrawn").asInt(), "six failed spans");
    assertTrue(r.values().get("origin").asText().startsWith("svc07 INSERT orders \u2192 pg03"), r.values().toString());
    assertTrue(r.values().get("surfaced").asText().contains("gateway POST /orders"), r.values().toString());
    assertTrue(r.values().get("errorLine").asText().contains("surfaced at gateway POST /orders"));
    assertEquals(CompactTrace.REPORT_SPAN_LIMIT, r.values().get("bigRows").asInt(), "the cut: 1,000 of 2,400");
    assertTrue(r.values().get("bigVisible").asInt() < 200, "opens folded: " + r.values().get("bigVisible"));
    assertTrue(r.values().get("bigCutNote").asText().startsWith("Showing 1,000 of 2,400 spans"), r.values().toString());
    assertTrue(r.values().get("bigCutBadges").asInt() > 0, "kept spans say how many below them were left out");
    assertEquals(CompactTrace.REPORT_SPAN_LIMIT, r.values().get("expanded").asInt());
    assertEquals(1, r.values().get("rootFolded").asInt(), "folding the root hides everything below it");
    assertEquals(3, r.values().get("edgePanelTraces").asInt(), "the edge's three slowest calls link their waterfalls");
    assertTrue(r.values().get("extLinks").asInt() >= 5, "trace ids in tables and the panel link to the tracing UI");

    // Opened at a trace's address, the page draws it and scrolls to it: the screenshot shows the waterfall.
    HeadlessChromium.PageResult atTrace = chromium.load(page.toUri() + "#trace-" + TraceFixtures.FAILED, 1400, 900,
        Map.of("bars", count("#waterfall .wf-bar")), SCREENSHOTS.resolve("waterfall-report.png"));
    assertEquals(List.of(), atTrace.problems());
    assertEquals(6, atTrace.values().get("bars").asInt());
  }

  @Test
  void theTracePageDrawsItsTrace() throws Exception {
    List<Exemplar> exemplars = TraceFixtures.exemplars();
    CompactTrace big = exemplars.stream().filter(e -> e.traceId().hex().equals(TraceFixtures.BIG)).findFirst()
        .orElseThrow().trace();
    Path page = Files.createDirectories(tmp.resolve("trace")).resolve("trace.html");
    Files.writeString(page, TracePageHtml.render(big, null));
    HeadlessChromium.PageResult r = chromium.load(page, 1200, 800,
        Map.of("bars", count("#waterfall .wf-bar"), "ext", count("a.ext")),
        SCREENSHOTS.resolve("waterfall-trace-page.png"));
    assertEquals(List.of(), r.problems());
    assertEquals(List.of(page.toUri().toString()), r.requests());
    assertEquals(CompactTrace.REPORT_SPAN_LIMIT, r.values().get("bars").asInt());
    assertEquals(0, r.values().get("ext").asInt(), "no tracing UI without --trace-url");
  }

  /**
   * A span without a service name reads "(no service name)" in its label and the legend, never as an empty name; a
   * name with a right-to-left override shows it as the text \\u202E (the page's display rule), in the label and in
   * the sentence above the waterfall, so it cannot reverse what follows.
   */
  @Test
  void aSpanWithoutAServiceNameSaysSoAndInvisibleCharactersShow() throws Exception {
    long ten = TraceFixtures.DAY_NANOS + 10 * 3_600_000_000_000L;
    List<io.tracegraph.model.Span> spans = List.of(
        new io.tracegraph.model.Span(1, 0, io.tracegraph.model.Span.NO_SERVICE, "GET /", io.tracegraph.model.SpanKind.SERVER,
            ten, ten + 100_000_000L, false, null),
        new io.tracegraph.model.Span(2, 1, "checkout\u202Eexe.gpj", "POST /api", io.tracegraph.model.SpanKind.SERVER,
            ten + 10_000_000L, ten + 90_000_000L, false, null));
    CompactTrace t = CompactTrace.of(new io.tracegraph.model.TraceId(0x77, 0xe1),
        io.tracegraph.model.ClockSkewAdjuster.withDefaults().adjust(io.tracegraph.model.TraceTree.build(0x77, 0xe1,
            new java.util.ArrayList<>(spans))), CompactTrace.NO_LIMIT);
    Path page = Files.createDirectories(tmp.resolve("nameless")).resolve("trace.html");
    Files.writeString(page, TracePageHtml.render(t, null));
    HeadlessChromium.PageResult r = chromium.load(page, 1200, 600, Map.of(
        "labels", "Array.prototype.map.call(document.querySelectorAll('#waterfall .wf-label b'),"
            + "function(b){return b.textContent;}).join('|')",
        "legend", "document.querySelector('#waterfall .wf-legend').textContent",
        "sentence", "document.querySelector('#waterfall .wf-sentence b').textContent"),
        SCREENSHOTS.resolve("waterfall-nameless.png"));
    assertEquals(List.of(), r.problems());
    assertEquals(CompactTrace.NO_SERVICE_SHOWN + "|checkout\\u202Eexe.gpj", r.values().get("labels").asText());
    assertTrue(r.values().get("sentence").asText().contains("checkout\\u202Eexe.gpj POST /api"), r.values().toString());
    assertTrue(r.values().get("legend").asText().startsWith(CompactTrace.NO_SERVICE_SHOWN), r.values().toString());
  }
}
