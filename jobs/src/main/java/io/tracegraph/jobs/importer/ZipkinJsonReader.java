package io.tracegraph.jobs.importer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.reports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Zipkin API v2 JSON: an array of spans ({@code POST /api/v2/spans}, {@code GET /api/v2/trace/{id}}), or an array of
 * traces, each an array of spans ({@code GET /api/v2/traces}). Read with Jackson's streaming parser, one span object at
 * a time. Spans are converted a trace at a time ({@link ZipkinSpans}): an inner array is one trace; in a flat array a
 * trace is a run of consecutive spans with the same trace id (its lower 64 bits, as Zipkin groups them), so a file
 * larger than memory works as long as no single trace is. A shared client/server pair is recognised without the
 * {@code shared} flag only when both halves are in the same run. A syntax error ends the file: it is reported with
 * its line and what was read before it is kept.
 */
final class ZipkinJsonReader implements SpanFileReader {
  @Override
  public void read(InputStream in, SpanSink sink) throws IOException {
    try (JsonParser p = Json.mapper().createParser(in)) {
      try {
        JsonToken first = p.nextToken();
        if (first == null) return;
        if (first != JsonToken.START_ARRAY) {
          sink.unreadable(line(p), "expected a JSON array of Zipkin v2 spans, found " + first);
          return;
        }
        List<ZipkinSpans.Raw> run = new ArrayList<>();
        String runKey = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
          if (t == JsonToken.START_ARRAY) { // one trace
            flush(run, sink);
            runKey = null;
            for (JsonToken u = p.nextToken(); u != JsonToken.END_ARRAY && u != null; u = p.nextToken()) {
              ZipkinSpans.Raw raw = span(p, u, sink);
              if (raw != null) run.add(raw);
            }
            flush(run, sink);
          } else {
            ZipkinSpans.Raw raw = span(p, t, sink);
            if (raw == null) continue;
            String key = traceKey(raw.traceId());
            if (runKey != null && !runKey.equals(key)) flush(run, sink);
            runKey = key;
            run.add(raw);
          }
        }
        flush(run, sink);
      } catch (JsonProcessingException e) {
        sink.unreadable(e.getLocation() == null ? line(p) : e.getLocation().getLineNr(),
            "JSON syntax error, the rest of the file is not read: " + e.getOriginalMessage());
      }
    }
  }

  private static ZipkinSpans.Raw span(JsonParser p, JsonToken t, SpanSink sink) throws IOException {
    long line = line(p);
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      sink.unreadable(line, "expected a span object, found " + t);
      return null;
    }
    JsonNode json = Json.mapper().readTree(p);
    if (!json.hasNonNull("traceId") || !json.hasNonNull("id")) {
      sink.unreadable(line, "span without traceId or id");
      return null;
    }
    return new ZipkinSpans.Raw(json, line);
  }

  /** Zipkin groups 128-bit trace ids with their 64-bit form: the last 16 hex digits. */
  private static String traceKey(String traceId) {
    String t = traceId.toLowerCase(Locale.ROOT);
    return t.length() > 16 ? t.substring(t.length() - 16) : t;
  }

  private static void flush(List<ZipkinSpans.Raw> run, SpanSink sink) {
    if (!run.isEmpty()) ZipkinSpans.convert(run, sink);
    run.clear();
  }

  private static long line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }
}
