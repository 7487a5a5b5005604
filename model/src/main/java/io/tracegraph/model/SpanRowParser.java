package io.tracegraph.model;

/**
 * Reads one archive row into a {@link Span}, tolerating the spellings real exporters produce and counting each
 * repair (see {@link Repair}). A row whose ids or times cannot be read is dropped with a {@link DropReason}.
 * This is the single place that decides what an input row means; the Spark readers only hand it columns.
 */
public final class SpanRowParser {
  private SpanRowParser() {}

  public static ParsedRow parse(String traceId, String spanId, String parentSpanId, String service, String name,
                                String kind, Long startNanos, Long endNanos, String status, String peer) {
    return parse(traceId, spanId, parentSpanId, service, name, kind, startNanos, endNanos, status, peer, null);
  }

  /**
   * As above, with what the reader found in the attributes besides the peer ({@code extras}, null for nothing). An
   * unreadable sampling marker is read as no marker and counted ({@link Repair#SAMPLING_WEIGHT_INVALID}). The ids are
   * any {@link CharSequence} ({@link HexIds}); they are read here and never kept.
   */
  public static ParsedRow parse(CharSequence traceId, CharSequence spanId, CharSequence parentSpanId, String service,
                                String name, String kind, Long startNanos, Long endNanos, String status, String peer,
                                SpanExtras extras) {
    if (traceId == null || traceId.isEmpty()) return ParsedRow.dropped(DropReason.TRACE_ID_MISSING);
    if (!HexIds.isHex(traceId, 32)) return ParsedRow.dropped(DropReason.TRACE_ID_INVALID);
    if (spanId == null || spanId.isEmpty()) return ParsedRow.dropped(DropReason.SPAN_ID_MISSING);
    if (!HexIds.isHex(spanId, 16)) return ParsedRow.dropped(DropReason.SPAN_ID_INVALID);
    long traceHigh = HexIds.traceHigh(traceId);
    long traceLow = HexIds.traceLow(traceId);
    long id = HexIds.low64(spanId, spanId.length());
    if (traceHigh == 0 && traceLow == 0) return ParsedRow.dropped(DropReason.TRACE_ID_INVALID);
    if (id == 0) return ParsedRow.dropped(DropReason.SPAN_ID_INVALID);
    if (startNanos == null || endNanos == null) return ParsedRow.dropped(DropReason.TIME_MISSING);
    if (endNanos < startNanos) return ParsedRow.dropped(DropReason.END_BEFORE_START);

    int repairs = 0;
    if (HexIds.hasUpperCase(traceId) || HexIds.hasUpperCase(spanId)) repairs |= Repair.ID_UPPER_CASE.bit();
    if (traceId.length() != 32) repairs |= Repair.TRACE_ID_PADDED.bit();
    if (spanId.length() != 16) repairs |= Repair.SPAN_ID_PADDED.bit();

    long parent = 0; // null, "" and all zeros mean "no parent"
    if (parentSpanId != null && !parentSpanId.isEmpty()) {
      if (HexIds.isHex(parentSpanId, 16)) {
        parent = HexIds.low64(parentSpanId, parentSpanId.length());
        if (HexIds.hasUpperCase(parentSpanId)) repairs |= Repair.ID_UPPER_CASE.bit();
        if (parent == id) {
          parent = 0;
          repairs |= Repair.PARENT_ID_SELF.bit();
        }
      } else {
        repairs |= Repair.PARENT_ID_INVALID.bit();
      }
    }

    SpanKind spanKind = SpanKind.parseOrNull(kind);
    if (spanKind == null) {
      spanKind = SpanKind.UNSPECIFIED;
      repairs |= Repair.KIND_UNKNOWN.bit();
    } else if (!spanKind.name().equals(kind)) {
      repairs |= Repair.KIND_SPELLING.bit();
    }

    // A null status is OTLP's "unset" (many exporters store UNSET as null): read as UNSET, not a repair.
    StatusCode statusCode = status == null ? StatusCode.UNSET : StatusCode.parseOrNull(status);
    if (statusCode == null) {
      statusCode = StatusCode.UNSET;
      repairs |= Repair.STATUS_UNKNOWN.bit();
    } else if (status != null && !statusCode.name().equals(status)) {
      repairs |= Repair.STATUS_SPELLING.bit();
    }

    if (service == null || service.isEmpty()) {
      service = Span.NO_SERVICE;
      repairs |= Repair.SERVICE_MISSING.bit();
    }

    boolean database = false;
    String destination = null;
    double weight = SamplingWeight.NONE;
    boolean resent = false;
    if (extras != null) {
      database = extras.peerIsDatabase();
      destination = extras.destination();
      weight = SamplingWeight.of(extras.tracestate(), extras.samplingPriority(), extras.samplerType(),
          extras.samplerParam());
      if (weight == SamplingWeight.INVALID) {
        weight = SamplingWeight.NONE;
        repairs |= Repair.SAMPLING_WEIGHT_INVALID.bit();
      }
      if (extras.resendCount() != null) {
        try {
          resent = Long.parseLong(extras.resendCount().trim()) > 0;
        } catch (NumberFormatException e) {
          repairs |= Repair.RESEND_COUNT_INVALID.bit();
        }
      }
    }
    Span span = new Span(id, parent, service, name, spanKind, startNanos, endNanos,
        statusCode == StatusCode.ERROR, peer, database, destination, weight, resent);
    return new ParsedRow(traceHigh, traceLow, span, repairs, null);
  }
}
