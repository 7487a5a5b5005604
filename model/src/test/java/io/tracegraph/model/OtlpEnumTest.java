package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one reader of OpenTelemetry enums, through both enums that use it. The numbers are the OTLP protobuf's
 * ({@code opentelemetry/proto/trace/v1/trace.proto}): the constants' declaration order must keep matching them.
 */
class OtlpEnumTest {
  /** Every spelling exporters write, including the enum numbers of trace.proto. */
  @ParameterizedTest
  @CsvSource({
      "0, UNSPECIFIED", "1, INTERNAL", "2, SERVER", "3, CLIENT", "4, PRODUCER", "5, CONSUMER",
      "SERVER, SERVER", "server, SERVER", "Server, SERVER", "SPAN_KIND_SERVER, SERVER", "span_kind_client, CLIENT",
      "' CONSUMER ', CONSUMER", "SPAN_KIND_UNSPECIFIED, UNSPECIFIED"})
  void spanKindSpellings(String raw, SpanKind expected) {
    assertEquals(expected, SpanKind.parseOrNull(raw));
  }

  @ParameterizedTest
  @CsvSource({
      "0, UNSET", "1, OK", "2, ERROR", "ERROR, ERROR", "error, ERROR", "Error, ERROR", "STATUS_CODE_ERROR, ERROR",
      "status_code_ok, OK", "STATUS_CODE_UNSET, UNSET"})
  void statusCodeSpellings(String raw, StatusCode expected) {
    assertEquals(expected, StatusCode.parseOrNull(raw));
  }

  /**
   * Unknown spellings are null, never a guess: numbers past the enum, two digits, non-ASCII digits, the other enum's
   * prefix, a prefix alone.
   */
  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "6", "9", "12", "-1", "\u0662", "STATUS_CODE_SERVER", "SPAN_KIND_", "SERVERS", "ERROR"})
  void unknownSpanKinds(String raw) {
    assertNull(SpanKind.parseOrNull(raw));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "3", "SPAN_KIND_ERROR", "STATUS_CODE_", "FAILED", "SERVER"})
  void unknownStatusCodes(String raw) {
    assertNull(StatusCode.parseOrNull(raw));
  }
}
