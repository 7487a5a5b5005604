package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EmptySource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading archive rows: every spelling real exporters produce, each repair counted, each drop reason. */
class SpanRowParserTest {
  // The W3C trace-context example ids.
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final long TRACE_HIGH = 0x4bf92f3577b34da6L;
  private static final long TRACE_LOW = 0xa3ce929d0e0e4736L;
  private static final String SPAN = "00f067aa0ba902b7";
  private static final long SPAN_ID = 0x00f067aa0ba902b7L;
  private static final String PARENT = "b7ad6b7169203331";
  private static final long PARENT_ID = 0xb7ad6b7169203331L;
  private static final long START = TestTraces.TEN_AM_NANOS;
  private static final long END = START + 25_000_000L;

  private static ParsedRow ids(String trace, String span, String parent) {
    return SpanRowParser.parse(trace, span, parent, "frontend", "GET /", "SERVER", START, END, "OK", null);
  }

  private static ParsedRow kind(String kind) {
    return SpanRowParser.parse(TRACE, SPAN, PARENT, "frontend", "GET /", kind, START, END, "OK", null);
  }

  private static ParsedRow status(String status) {
    return SpanRowParser.parse(TRACE, SPAN, PARENT, "frontend", "GET /", "SERVER", START, END, status, null);
  }

  private static Set<Repair> repairs(ParsedRow row) {
    assertFalse(row.isDropped(), () -> "dropped: " + row.dropped());
    return Repair.decode(row.repairs());
  }

  private static void assertDropped(DropReason reason, ParsedRow row) {
    assertTrue(row.isDropped());
    assertEquals(reason, row.dropped());
    assertNull(row.span());
  }

  /** A clean row: every field read as given, nothing repaired. */
  @Test
  void cleanRow() {
    ParsedRow row = SpanRowParser.parse(TRACE, SPAN, PARENT, "Frontend", "GET /cart", "CLIENT", START, END,
        "ERROR", "postgres");
    assertEquals(Set.of(), repairs(row));
    assertNull(row.dropped());
    assertEquals(TRACE_HIGH, row.traceHigh());
    assertEquals(TRACE_LOW, row.traceLow());
    assertEquals(new Span(SPAN_ID, PARENT_ID, "Frontend", "GET /cart", SpanKind.CLIENT, START, END, true, "postgres"),
        row.span());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Kinds and status codes

  @ParameterizedTest
  @ValueSource(strings = {"SPAN_KIND_SERVER", "Server", "server", "2", " SERVER ", "span_kind_server"})
  void kindSpellingsOfServer(String spelling) {
    ParsedRow row = kind(spelling);
    assertEquals(SpanKind.SERVER, row.span().kind());
    assertEquals(Set.of(Repair.KIND_SPELLING), repairs(row));
  }

  @Test
  void canonicalKindIsNoRepair() {
    for (SpanKind k : SpanKind.values()) {
      ParsedRow row = kind(k.name());
      assertEquals(k, row.span().kind());
      assertEquals(Set.of(), repairs(row), k.name());
    }
  }

  /** The OTLP enum numbers: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  @ParameterizedTest
  @CsvSource({"0, UNSPECIFIED", "1, INTERNAL", "2, SERVER", "3, CLIENT", "4, PRODUCER", "5, CONSUMER",
      "SPAN_KIND_CONSUMER, CONSUMER", "Producer, PRODUCER", "internal, INTERNAL", "SPAN_KIND_UNSPECIFIED, UNSPECIFIED"})
  void kindOtlpNumbersAndNames(String spelling, SpanKind expected) {
    assertEquals(expected, kind(spelling).span().kind());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"RPC", "6", "-1", "99999999999", "SPAN_KIND_", "SPAN_KIND_RPC", "2x"})
  void unknownKindIsUnspecified(String spelling) {
    ParsedRow row = kind(spelling);
    assertEquals(SpanKind.UNSPECIFIED, row.span().kind());
    assertEquals(Set.of(Repair.KIND_UNKNOWN), repairs(row));
  }

  @ParameterizedTest
  @ValueSource(strings = {"STATUS_CODE_ERROR", "Error", "error", "2"})
  void statusSpellingsOfError(String spelling) {
    ParsedRow row = status(spelling);
    assertTrue(row.span().error());
    assertEquals(Set.of(Repair.STATUS_SPELLING), repairs(row));
  }

  @Test
  void canonicalErrorIsNoRepair() {
    ParsedRow row = status("ERROR");
    assertTrue(row.span().error());
    assertEquals(Set.of(), repairs(row));
  }

  @ParameterizedTest
  @ValueSource(strings = {"OK", "UNSET", "0", "1", "STATUS_CODE_OK", "STATUS_CODE_UNSET", "ok"})
  void otherStatusesAreNotErrors(String spelling) {
    ParsedRow row = status(spelling);
    assertFalse(row.span().error());
    assertFalse(repairs(row).contains(Repair.STATUS_UNKNOWN));
  }

  /** Many exporters store UNSET as null: it is the normal case, not a repair. */
  @Test
  void nullStatusIsUnsetWithoutRepair() {
    ParsedRow row = status(null);
    assertFalse(row.span().error());
    assertEquals(Set.of(), repairs(row));
  }

  @ParameterizedTest
  @EmptySource
  @ValueSource(strings = {"FAILED", "3", "STATUS_CODE_", "\u0662"})
  void unknownStatusIsUnsetAndCounted(String spelling) {
    ParsedRow row = status(spelling);
    assertFalse(row.span().error());
    assertEquals(Set.of(Repair.STATUS_UNKNOWN), repairs(row));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Ids

  /** Hex ids are read in any case; upper case is a counted repair, and gives the same ids. */
  @Test
  void upperCaseIdsAreReadAndCounted() {
    ParsedRow row = ids(TRACE.toUpperCase(), SPAN.toUpperCase(), PARENT.toUpperCase());
    assertEquals(Set.of(Repair.ID_UPPER_CASE), repairs(row));
    assertEquals(TRACE_HIGH, row.traceHigh());
    assertEquals(TRACE_LOW, row.traceLow());
    assertEquals(SPAN_ID, row.span().spanId());
    assertEquals(PARENT_ID, row.span().parentId());
    assertEquals(Set.of(Repair.ID_UPPER_CASE), repairs(ids(TRACE, SPAN, "B7ad6b7169203331")));
    assertEquals(Set.of(Repair.ID_UPPER_CASE), repairs(ids("4bf92f3577b34da6a3ce929d0e0e473F", SPAN, PARENT)));
  }

  /** Zipkin's 16-hex trace ids are the low half of a 32-hex id: padded, counted, and equal to the padded form. */
  @Test
  void shortTraceIdIsLeftPadded() {
    ParsedRow shortId = ids("a3ce929d0e0e4736", SPAN, PARENT);
    ParsedRow padded = ids("0000000000000000a3ce929d0e0e4736", SPAN, PARENT);
    assertEquals(Set.of(Repair.TRACE_ID_PADDED), repairs(shortId));
    assertEquals(Set.of(), repairs(padded));
    assertEquals(0, shortId.traceHigh());
    assertEquals(TRACE_LOW, shortId.traceLow());
    assertEquals(padded.traceHigh(), shortId.traceHigh());
    assertEquals(padded.traceLow(), shortId.traceLow());

    ParsedRow odd = ids("1a3ce929d0e0e4736", SPAN, PARENT); // 17 digits: one digit in the high half
    assertEquals(1, odd.traceHigh());
    assertEquals(TRACE_LOW, odd.traceLow());
    assertEquals(Set.of(Repair.TRACE_ID_PADDED), repairs(odd));
  }

  @Test
  void shortSpanIdIsLeftPadded() {
    ParsedRow row = ids(TRACE, "abc", PARENT);
    assertEquals(0xabcL, row.span().spanId());
    assertEquals(Set.of(Repair.SPAN_ID_PADDED), repairs(row));
  }

  /** null, "" and the all-zero id all mean "no parent": a root, with nothing to repair. */
  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"0000000000000000", "0"})
  void noParent(String parent) {
    ParsedRow row = ids(TRACE, SPAN, parent);
    assertFalse(row.span().hasParent());
    assertEquals(0, row.span().parentId());
    assertEquals(Set.of(), repairs(row));
  }

  /** A span naming itself as parent (a broken exporter) is read as a root, and counted. */
  @Test
  void selfParentIsDroppedAndCounted() {
    ParsedRow row = ids(TRACE, SPAN, SPAN);
    assertFalse(row.span().hasParent());
    assertEquals(Set.of(Repair.PARENT_ID_SELF), repairs(row));
    // the same id in another spelling is still the span itself
    ParsedRow other = ids(TRACE, SPAN, "F067AA0BA902B7");
    assertFalse(other.span().hasParent());
    assertEquals(Set.of(Repair.PARENT_ID_SELF, Repair.ID_UPPER_CASE), repairs(other));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-hex", "b7ad6b71692033310", "0x1234", " b7ad6b7169203331"})
  void unreadableParentIsNoParentAndCounted(String parent) {
    ParsedRow row = ids(TRACE, SPAN, parent);
    assertFalse(row.span().hasParent());
    assertEquals(Set.of(Repair.PARENT_ID_INVALID), repairs(row));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Drops

  @ParameterizedTest
  @NullAndEmptySource
  void traceIdMissing(String trace) {
    assertDropped(DropReason.TRACE_ID_MISSING, ids(trace, SPAN, PARENT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-hex", "4bf92f3577b34da6a3ce929d0e0e4736a", "00000000000000000000000000000000", "0",
      "4bf92f35-77b3-4da6-a3ce-929d0e0e4736", "\uff21\uff22" /* fullwidth A, B */, "\u0663" /* Arabic-Indic 3 */})
  void traceIdInvalid(String trace) {
    assertDropped(DropReason.TRACE_ID_INVALID, ids(trace, SPAN, PARENT));
  }

  @ParameterizedTest
  @NullAndEmptySource
  void spanIdMissing(String span) {
    assertDropped(DropReason.SPAN_ID_MISSING, ids(TRACE, span, PARENT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-hex", "00f067aa0ba902b71", "0000000000000000", "0", TRACE, "\uff21\uff22"})
  void spanIdInvalid(String span) {
    assertDropped(DropReason.SPAN_ID_INVALID, ids(TRACE, span, PARENT));
  }

  /** Only ASCII hex digits are hex: a parent in another script is unreadable, not a lookalike id. */
  @Test
  void nonAsciiParentIsInvalid() {
    assertEquals(Set.of(Repair.PARENT_ID_INVALID), repairs(ids(TRACE, SPAN, "\uff21\uff22")));
  }

  @Test
  void timesMissing() {
    assertDropped(DropReason.TIME_MISSING,
        SpanRowParser.parse(TRACE, SPAN, PARENT, "frontend", "GET /", "SERVER", null, END, "OK", null));
    assertDropped(DropReason.TIME_MISSING,
        SpanRowParser.parse(TRACE, SPAN, PARENT, "frontend", "GET /", "SERVER", START, null, "OK", null));
  }

  @Test
  void endBeforeStart() {
    assertDropped(DropReason.END_BEFORE_START,
        SpanRowParser.parse(TRACE, SPAN, PARENT, "frontend", "GET /", "SERVER", START, START - 1, "OK", null));
    // a zero-length span is fine
    ParsedRow instant = SpanRowParser.parse(TRACE, SPAN, PARENT, "frontend", "GET /", "SERVER", START, START, "OK",
        null);
    assertEquals(0, instant.span().durationNanos());
  }

  /**
   * Every drop reason is reachable: a reason no row can produce would be dead weight in run.json. The parser gives
   * each but {@code trace_too_large}, which is about a whole trace (DaySummaryTest.aTooLargeTraceIsCountedAsDropped).
   */
  @Test
  void everyDropReasonIsProduced() {
    Set<DropReason> seen = EnumSet.noneOf(DropReason.class);
    seen.add(ids(null, SPAN, PARENT).dropped());
    seen.add(ids("zz", SPAN, PARENT).dropped());
    seen.add(ids(TRACE, "", PARENT).dropped());
    seen.add(ids(TRACE, "zz", PARENT).dropped());
    seen.add(SpanRowParser.parse(TRACE, SPAN, null, "s", "n", "SERVER", null, null, null, null).dropped());
    seen.add(SpanRowParser.parse(TRACE, SPAN, null, "s", "n", "SERVER", 2L, 1L, null, null).dropped());
    assertEquals(EnumSet.complementOf(EnumSet.of(DropReason.TRACE_TOO_LARGE)), seen);
    assertEquals("end_before_start", DropReason.END_BEFORE_START.key());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Other fields

  @ParameterizedTest
  @NullAndEmptySource
  void missingServiceIsNoServiceAndCounted(String service) {
    ParsedRow row = SpanRowParser.parse(TRACE, SPAN, PARENT, service, "GET /", "SERVER", START, END, "OK", null);
    assertEquals(Span.NO_SERVICE, row.span().service());
    assertEquals(Set.of(Repair.SERVICE_MISSING), repairs(row));
  }

  @Test
  void nullNameAndEmptyPeerAreNormalised() {
    ParsedRow row = SpanRowParser.parse(TRACE, SPAN, PARENT, "frontend", null, "SERVER", START, END, "OK", "");
    assertEquals("", row.span().name());
    assertNull(row.span().peer());
  }

  /** Several irregularities in one row are all counted. */
  @Test
  void repairsAccumulate() {
    ParsedRow row = SpanRowParser.parse("A3CE929D0E0E4736", "ABC", SPAN.toUpperCase(), null, "n", "server", START,
        END, "Failed", null);
    assertEquals(EnumSet.of(Repair.ID_UPPER_CASE, Repair.TRACE_ID_PADDED, Repair.SPAN_ID_PADDED,
        Repair.KIND_SPELLING, Repair.STATUS_UNKNOWN, Repair.SERVICE_MISSING), repairs(row));
  }

  @Test
  void repairMaskRoundTrip() {
    int mask = 0;
    for (Repair r : Repair.values()) mask |= r.bit();
    assertEquals(EnumSet.allOf(Repair.class), Repair.decode(mask));
    assertEquals(Set.of(), Repair.decode(0));
    assertEquals(Set.of(Repair.PARENT_ID_SELF), Repair.decode(Repair.PARENT_ID_SELF.bit()));
    assertEquals("kind_spelling", Repair.KIND_SPELLING.key());
  }

  // ---------------------------------------------------------------------------------------------------------------
  // HexIds

  @Test
  void hexIdsRoundTrip() {
    Random random = new Random(16);
    for (int i = 0; i < 10_000; i++) {
      long id = random.nextLong();
      String hex = String.format("%016x", id);
      assertEquals(hex, HexIds.toHex(id));
      assertEquals(id, HexIds.low64(hex, hex.length()));
      assertEquals(id, HexIds.low64(hex.toUpperCase(), hex.length()));

      long high = random.nextLong();
      String trace = String.format("%016x%016x", high, id);
      assertEquals(high, HexIds.traceHigh(trace));
      assertEquals(id, HexIds.traceLow(trace));
      assertEquals(trace, HexIds.toHex(HexIds.traceHigh(trace), HexIds.traceLow(trace)));
    }
    assertEquals("0000000000000001", HexIds.toHex(1));
    assertEquals("ffffffffffffffff", HexIds.toHex(-1));
    assertEquals("8000000000000000", HexIds.toHex(Long.MIN_VALUE));
    assertEquals("00000000000000000000000000000abc", HexIds.toHex(HexIds.traceHigh("abc"), HexIds.traceLow("abc")));
  }

  @Test
  void isHexAcceptsOnlyAsciiHexWithinLength() {
    assertTrue(HexIds.isHex("0123456789abcdefABCDEF", 32));
    assertTrue(HexIds.isHex("f", 1));
    assertFalse(HexIds.isHex("ff", 1));
    assertFalse(HexIds.isHex("", 16));
    assertFalse(HexIds.isHex(null, 16));
    assertFalse(HexIds.isHex("g", 16));
    assertFalse(HexIds.isHex("-1", 16));
    assertFalse(HexIds.isHex("\uff21", 16)); // fullwidth A: Character.digit reads it as 10
    assertFalse(HexIds.isHex("\u0661", 16)); // Arabic-Indic 1
    assertTrue(HexIds.hasUpperCase("abC"));
    assertFalse(HexIds.hasUpperCase("abc123"));
  }

  /**
   * {@code http.request.resend_count} above 0 marks a re-sent request (a retry for the call patterns); 0 does not; a
   * value that is not a number is read as not re-sent and counted as a repair.
   */
  @Test
  void resendCountMarksAReSentRequest() {
    assertTrue(withResendCount("2").span().resent());
    assertFalse(withResendCount("0").span().resent());
    assertFalse(withResendCount(null).span().resent());
    ParsedRow odd = withResendCount("twice");
    assertFalse(odd.span().resent());
    assertEquals(Repair.RESEND_COUNT_INVALID.bit(), odd.repairs());
  }

  private static ParsedRow withResendCount(String count) {
    SpanExtras extras = SpanExtras.of(count == null ? java.util.Map.of("http.request.method", "GET")
        : java.util.Map.of(SpanExtras.RESEND_COUNT_KEY, count));
    return SpanRowParser.parse(TRACE, SPAN, PARENT, "frontend", "GET /", "CLIENT", START, END, "OK", null, extras);
  }
}
