package io.tracegraph.jobs.importer;

import static io.tracegraph.model.TestTraces.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.archive.ArchiveSpan;
import io.tracegraph.model.DependencyLinker;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.Span;
import io.tracegraph.model.SpanRowParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Zipkin v2 JSON → archive spans, without Spark: shared span ids, fragments, tags and endpoints. */
class ZipkinSpansTest {
  /** Collects what the reader hands over. */
  static final class Collected implements SpanSink {
    final Map<String, ArchiveSpan> spans = new LinkedHashMap<>();
    final List<String> notSpans = new ArrayList<>();
    final List<String> unreadable = new ArrayList<>();

    @Override
    public void span(SpanDraft draft, long line) {
      SpanDraft.Result r = draft.finish();
      if (r.problem() != null) unreadable.add(line + ": " + r.problem());
      else spans.put(r.span().spanId(), r.span());
    }

    @Override
    public void unreadable(long line, String reason) {
      unreadable.add(line + ": " + reason);
    }

    @Override
    public void notASpan(long line, String reason) {
      notSpans.add(line + ": " + reason);
    }

    List<Span> modelSpans() {
      List<Span> out = new ArrayList<>();
      for (ArchiveSpan s : spans.values()) {
        ParsedRow row = SpanRowParser.parse(s.traceId(), s.spanId(), s.parentSpanId(), s.serviceName(), s.name(),
            s.kind(), s.startNanos(), s.endNanos(), s.statusCode(), s.attributes().get("peer.service"));
        out.add(row.span());
      }
      return out;
    }
  }

  static Collected read(String json) throws Exception {
    Collected c = new Collected();
    new ZipkinJsonReader().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), c);
    return c;
  }

  static String span(String id, String parent, String kind, String service, String extra) {
    return "{\"traceId\":\"463ac35c9f6413ad\",\"id\":\"" + id + "\"" + (parent == null ? "" : ",\"parentId\":\"" + parent + "\"")
        + (kind == null ? "" : ",\"kind\":\"" + kind + "\"") + ",\"timestamp\":1700000000000000,\"duration\":1000"
        + ",\"localEndpoint\":{\"serviceName\":\"" + service + "\"}" + extra + "}";
  }

  /**
   * B3's shared span: frontend's CLIENT and backend's SERVER both have id b. The server half gets a derived id under
   * the client; backend's own CLIENT (parent b, backend's endpoint) moves under the server half, frontend's local
   * span (parent b, frontend's endpoint) stays under the client. Links: frontend → backend once (no backfilled
   * second one), backend → mysql.
   */
  @Test
  void sharedServerHalfGetsItsOwnIdAndItsSpans() throws Exception {
    Collected c = read("[" + String.join(",",
        span("000000000000000a", null, "SERVER", "frontend", ""),
        span("000000000000000b", "000000000000000a", "CLIENT", "frontend", ""),
        span("000000000000000b", "000000000000000a", "SERVER", "backend", ",\"shared\":true"),
        span("000000000000000c", "000000000000000b", "CLIENT", "backend", ",\"remoteEndpoint\":{\"serviceName\":\"mysql\"}"),
        span("000000000000000d", "000000000000000b", null, "frontend", "")) + "]");

    String half = ZipkinSpans.serverHalfId("000000000000000b", "backend|null|null|null");
    assertNotEquals("000000000000000b", half);
    ArchiveSpan server = c.spans.get(half);
    assertEquals("SERVER", server.kind());
    assertEquals("000000000000000b", server.parentSpanId(), "the client half is the parent");
    assertEquals("000000000000000b", server.attributes().get("zipkin.span_id"));
    assertEquals(half, c.spans.get("000000000000000c").parentSpanId(), "backend's span under the server half");
    assertEquals("000000000000000b", c.spans.get("000000000000000d").parentSpanId(), "frontend's span under the client");
    assertEquals("INTERNAL", c.spans.get("000000000000000d").kind(), "no kind: a local span");
    assertEquals(List.of(link("backend", "mysql", 1, 0), link("frontend", "backend", 1, 0)),
        DependencyLinker.linksOf(c.modelSpans()));
  }

  /**
   * A shared SERVER half whose client half was never reported keeps the parent id both halves share (B3), the
   * caller's span: under it the hop is still caller → server, as Zipkin links it, rather than an orphan whose caller
   * is lost (Zipkin's lens sample messaging2 has one).
   */
  @Test
  void sharedServerWithoutItsClientHalfKeepsTheSharedParent() throws Exception {
    Collected c = read("[" + String.join(",",
        span("000000000000000a", null, "SERVER", "gateway", ""),
        span("000000000000000b", "000000000000000a", "SERVER", "auth", ",\"shared\":true")) + "]");
    String half = ZipkinSpans.serverHalfId("000000000000000b", "auth|null|null|null");
    assertEquals("000000000000000a", c.spans.get(half).parentSpanId(), "the caller's span, not the missing client");
    assertEquals(List.of(link("gateway", "auth", 1, 0)), DependencyLinker.linksOf(c.modelSpans()));
  }

  /** A SERVER sharing its id with a CLIENT but without the shared flag is a server half too (Zipkin backfills it). */
  @Test
  void serverWithoutSharedFlagSharingAClientIdIsAServerHalf() throws Exception {
    Collected c = read("[" + String.join(",",
        span("000000000000000b", null, "CLIENT", "frontend", ""),
        span("000000000000000b", null, "SERVER", "backend", "")) + "]");

    assertEquals(2, c.spans.size());
    assertEquals(List.of(link("frontend", "backend", 1, 0)), DependencyLinker.linksOf(c.modelSpans()));
  }

  /**
   * A span without timestamp is a fragment of a span reported in pieces: reported, not imported. The error tag makes
   * the status ERROR; remoteEndpoint.serviceName becomes peer.service; a kind-less span naming both a local and a
   * remote service is a CLIENT (Zipkin's linker reads it so); a 16-digit trace id is padded, or takes the 32-digit
   * id another span of the trace has.
   */
  @Test
  void fragmentsTagsAndEndpoints() throws Exception {
    Collected c = read("""
        [
          {"traceId":"463ac35c9f6413ad","id":"000000000000000a","kind":"SERVER","timestamp":1700000000000000,
           "duration":5,"localEndpoint":{"serviceName":"api"}},
          {"traceId":"463ac35c9f6413ad","id":"000000000000000a","localEndpoint":{"serviceName":"api"}},
          {"traceId":"48485a3953bb6124463ac35c9f6413ad","id":"000000000000000e","parentId":"000000000000000a",
           "timestamp":1700000000000001,"duration":2,"localEndpoint":{"serviceName":"api"},
           "remoteEndpoint":{"serviceName":"payments"},"tags":{"error":"503","http.path":"/pay"}}
        ]
        """);

    assertEquals(1, c.notSpans.size());
    assertTrue(c.notSpans.get(0).startsWith("4: span 000000000000000a has no timestamp"), c.notSpans.toString());
    ArchiveSpan pay = c.spans.get("000000000000000e");
    assertEquals("CLIENT", pay.kind());
    assertEquals("ERROR", pay.statusCode());
    assertEquals("503", pay.statusMessage());
    assertEquals("payments", pay.attributes().get("peer.service"));
    assertEquals("/pay", pay.attributes().get("http.path"));
    assertEquals(1_700_000_000_000_001_000L, pay.startNanos());
    assertEquals(1_700_000_000_000_003_000L, pay.endNanos());
    assertEquals("48485a3953bb6124463ac35c9f6413ad", c.spans.get("000000000000000a").traceId(), "the longest id");
    assertEquals(List.of(link("api", "payments", 1, 1)), DependencyLinker.linksOf(c.modelSpans()));
  }

  /** The array-of-traces shape (GET /api/v2/traces) and a syntax error: what came before it is kept, the line reported. */
  @Test
  void arrayOfTracesAndSyntaxError() throws Exception {
    Collected c = read("[[" + span("000000000000000a", null, "SERVER", "a", "") + "],\n["
        + span("000000000000000b", null, "SERVER", "b", "") + "],\n[{\"traceId\": oops]]");

    assertEquals(2, c.spans.size());
    assertEquals(1, c.unreadable.size());
    assertTrue(c.unreadable.get(0).startsWith("3: JSON syntax error"), c.unreadable.toString());
  }
}
