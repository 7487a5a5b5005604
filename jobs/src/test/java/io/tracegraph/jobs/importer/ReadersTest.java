package io.tracegraph.jobs.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.archive.ArchiveSpan;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The import readers on the details each format documents, without Spark. */
class ReadersTest {
  static ZipkinSpansTest.Collected read(SpanFileReader reader, String text) throws Exception {
    ZipkinSpansTest.Collected c = new ZipkinSpansTest.Collected();
    reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), c);
    return c;
  }

  /**
   * Jaeger: a span whose only reference is FOLLOWS_FROM is a child of that span (asynchronous, still a child); a
   * reference into another trace is a link; error=true (a bool tag) is ERROR; no span.kind is UNSPECIFIED; the
   * process's serviceName is the service.
   */
  @Test
  void jaegerReferencesTagsAndProcesses() throws Exception {
    ZipkinSpansTest.Collected c = read(new JaegerJsonReader(), """
        {"data":[{"traceID":"463ac35c9f6413ad","processes":{"p1":{"serviceName":"worker","tags":[{"key":"ip","type":"string","value":"10.0.0.1"}]}},
          "spans":[{"traceID":"463ac35c9f6413ad","spanID":"00000000000000aa","operationName":"job","processID":"p1",
            "references":[{"refType":"FOLLOWS_FROM","traceID":"463ac35c9f6413ad","spanID":"00000000000000bb"},
                          {"refType":"FOLLOWS_FROM","traceID":"00000000000000000000000000000abc","spanID":"00000000000000cc"}],
            "startTime":1700000000000000,"duration":7,"tags":[{"key":"error","type":"bool","value":true}]}]}]}
        """);

    ArchiveSpan s = c.spans.get("00000000000000aa");
    assertEquals("00000000000000bb", s.parentSpanId());
    assertEquals(List.of(new ArchiveSpan.Link("00000000000000000000000000000abc", "00000000000000cc")), s.links());
    assertEquals("ERROR", s.statusCode());
    assertEquals("UNSPECIFIED", s.kind());
    assertEquals("worker", s.serviceName());
    assertEquals("10.0.0.1", s.resourceAttributes().get("ip"));
    assertEquals("0000000000000000463ac35c9f6413ad", s.traceId());
    assertEquals(1_700_000_000_000_007_000L, s.endNanos());
  }

  /**
   * OTLP JSON: base64 ids (the plain proto3 mapping some exporters wrote) are read as hex; kind and status names are
   * read as well as numbers; numbers may be JSON numbers; a kvlist attribute becomes compact JSON.
   */
  @Test
  void otlpBase64IdsAndEnumNames() throws Exception {
    ZipkinSpansTest.Collected c = read(new OtlpJsonReader(), """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},"scopeSpans":[{"spans":[{"traceId":"W47/95gDgQPSabYzgT/GDA==","spanId":"7q3vuhEiM0Q=","kind":"SPAN_KIND_CLIENT","startTimeUnixNano":1544712660000000000,"endTimeUnixNano":"1544712661000000000","status":{"code":"STATUS_CODE_ERROR"},"attributes":[{"key":"m","value":{"kvlistValue":{"values":[{"key":"a","value":{"intValue":"1"}}]}}}]}]}]}]}
        """);

    ArchiveSpan s = c.spans.get("eeadefba11223344");
    assertEquals("5b8efff798038103d269b633813fc60c", s.traceId());
    assertEquals("CLIENT", s.kind());
    assertEquals("ERROR", s.statusCode());
    assertEquals("{\"a\":\"1\"}", s.attributes().get("m"));
    assertEquals("api", s.serviceName());
    assertNull(s.parentSpanId());
  }

  /** CSV records: quoted delimiters, doubled quotes, line breaks inside quotes, CRLF; the record's first line is kept. */
  @Test
  void csvQuotingAndLineNumbers() throws Exception {
    CsvRecords r = new CsvRecords(new StringReader("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\nlast,\n"), ',');
    assertEquals(List.of("a", "b"), r.next());
    assertEquals(List.of("x,1", "say \"hi\""), r.next());
    assertEquals(2, r.recordLine());
    assertEquals(List.of("multi\nline", "z"), r.next());
    assertEquals(3, r.recordLine());
    assertEquals(List.of("last", ""), r.next());
    assertEquals(5, r.recordLine());
    assertNull(r.next());
  }

  /** A CSV mapping must say where the ids and times are; an unknown field is named. */
  @Test
  void csvMappingIsChecked() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> CsvMapping.parse(List.of("trace_id=T", "colour=C"), null));
    assertTrue(e.getMessage().contains("unknown field 'colour'") && e.getMessage().contains("span_id is required")
        && e.getMessage().contains("start_time_unix_nano"), e.getMessage());
  }
}
