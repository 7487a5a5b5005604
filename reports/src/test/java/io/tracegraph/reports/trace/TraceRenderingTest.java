package io.tracegraph.reports.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.Exemplar;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.html.Html;
import io.tracegraph.reports.html.TraceFixtures;
import io.tracegraph.reports.html.TracePageHtml;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One trace as the terminal, JSON and the pages show it: every span, the sentences, the marks, the cut. */
class TraceRenderingTest {
  private static final List<Exemplar> EXEMPLARS = TraceFixtures.exemplars();

  private static CompactTrace trace(String hex) {
    return EXEMPLARS.stream().filter(e -> e.traceId().hex().equals(hex)).findFirst().orElseThrow().trace();
  }

  /** "payment → payment-provider POST /v1/charges: 2.9 s of 3.1 s", here with the fixture's hostile service name. */
  @Test
  void theSentencesSayWhereTimeWentAndWhereTheErrorStarted() {
    assertEquals("<img src=x onerror=alert(1)> \u2192 payment-provider POST /v1/charges <script>: 3.02 s of 3.10 s",
        TraceStory.dominant(trace(TraceFixtures.SLOW)));
    assertEquals(List.of("Error started at svc07 \u2192 pg03 INSERT orders and surfaced at gateway POST /orders, "
        + "2 service hops up, failing the request."), TraceStory.errors(trace(TraceFixtures.FAILED)));
    assertEquals(null, TraceStory.cut(trace(TraceFixtures.SLOW)));
    assertTrue(TraceStory.cut(trace(TraceFixtures.BIG)).startsWith("Showing 1,000 of 2,400 spans"));
  }

  @Test
  void theTerminalWaterfallHasALinePerSpanWithItsBar() {
    CompactTrace t = trace(TraceFixtures.SLOW);
    String text = TraceText.render(t, TraceUrl.of("https://jaeger.example/trace/{traceId}"));
    List<String> lines = text.lines().toList();
    assertEquals("trace " + TraceFixtures.SLOW + "  " + java.time.Instant.ofEpochSecond(0, t.startNanos())
        + "  3.10 s  7 spans", lines.get(0));
    assertEquals("open: https://jaeger.example/trace/" + TraceFixtures.SLOW, lines.get(1));
    List<String> spans = lines.stream().filter(l -> l.contains("|") && !l.contains("duration")).toList();
    assertEquals(7, spans.size(), text);
    assertTrue(spans.get(0).contains("gateway POST /checkout [SERVER]"), spans.get(0));
    assertTrue(spans.get(0).contains("|" + "#".repeat(TraceText.BAR_WIDTH) + "|"), "the root spans the whole axis");
    String dominant = spans.get(6);
    assertTrue(dominant.contains("          <img src=x onerror=alert(1)> -> payment-provider"), "indented 5 levels");
    assertTrue(dominant.endsWith("<- dominant: 3.02 s critical"), dominant);
    String flags = spans.get(3);
    assertTrue(flags.contains("bff01 -> feature-flags GET flags") && flags.contains("|#" + " ".repeat(39) + "|"),
        "10 ms of 3.1 s: one character, on the path (it ends before the charge starts): " + flags);

    String failed = TraceText.render(trace(TraceFixtures.FAILED), null);
    assertTrue(failed.contains(" ERROR <- error origin"), failed);
    assertTrue(failed.contains(" ERROR <- surfaced"), failed);
    assertFalse(failed.contains("open:"));
  }

  @Test
  void theJsonHoldsEverySpanWithItsArchivedTimes() throws Exception {
    CompactTrace t = trace(TraceFixtures.FAILED);
    JsonNode json = Json.mapper().readTree(TraceJson.render(t, null));
    assertEquals(TraceFixtures.FAILED, json.get("trace_id").asText());
    assertEquals(6, json.get("spans").size());
    JsonNode db = json.get("spans").get(5);
    assertEquals("INSERT orders", db.get("name").asText());
    assertEquals("pg03", db.get("peer").asText());
    assertTrue(db.get("error_origin").asBoolean());
    assertEquals(json.get("spans").get(4).get("span_id").asText(), db.get("parent_span_id").asText());
    assertEquals(TraceFixtures.DAY_NANOS + 10 * 3_600_000_000_000L + 30_000_000L, db.get("start_time_unix_nano").asLong());
    assertEquals(220_000_000L, db.get("duration_nanos").asLong());
    assertTrue(json.get("spans").get(0).get("parent_span_id").isNull());
  }

  /** The trace page is the report's page: its CSP, its script, the trace's data escaped, and nothing from outside. */
  @Test
  void theTracePageIsSelfContainedAndEscaped() {
    String html = TracePageHtml.render(trace(TraceFixtures.SLOW), null);
    assertTrue(html.contains("default-src 'none'"));
    assertFalse(html.contains("<img") || html.contains("<script>:"), "names only inside the JSON block, escaped");
    assertTrue(html.contains("\\u003cimg src=x onerror=alert(1)\\u003e"));
    assertFalse(html.contains("http://") || html.contains("https://"));
    assertTrue(html.contains("\"open\":\"" + TraceFixtures.SLOW + "\""));
    assertEquals(Html.text("x"), "x");
  }
}
