package io.tracegraph.jobs.importer;

import io.tracegraph.jobs.archive.ArchiveSpan;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.SpanKind;
import io.tracegraph.model.StatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A span as a reader found it, before checking: raw ids, kind and status in the source's spelling. {@link #finish}
 * checks and normalises it into an {@link ArchiveSpan}, or says why it cannot be one (the reason is reported with
 * the file and line). One class decides this for every import format, with the nightly parser's rules: ids are 1-32
 * (trace) or 1-16 (span) hex digits, not all zeros, any case; no parent when the parent id is empty, all zeros, equal
 * to the span's own id or not hex (counted); a start time; an end not before the start.
 */
public final class SpanDraft {
  public String traceId;
  public String spanId;
  public String parentSpanId;
  public String serviceName;
  public String name;
  public String kind;
  public Long startNanos;
  public Long endNanos;
  public String statusCode;
  public String statusMessage;
  public final Map<String, String> attributes = new TreeMap<>();
  public final Map<String, String> resourceAttributes = new TreeMap<>();
  public final List<ArchiveSpan.Link> links = new ArrayList<>();
  /** Set by a reader that found the span unusable for a reason of its own (e.g. a time out of range). */
  public String problem;

  /** The outcome of {@link #finish}: a span, or the reason it is not one. */
  public record Result(ArchiveSpan span, String problem, boolean parentNotHex) {}

  public Result finish() {
    if (problem != null) return problem(problem);
    if (traceId == null || traceId.isEmpty()) return problem("trace id missing");
    if (!HexIds.isHex(traceId, 32) || (HexIds.traceHigh(traceId) == 0 && HexIds.traceLow(traceId) == 0)) {
      return problem("trace id '" + traceId + "' is not 1-32 hex digits, or is all zeros");
    }
    if (spanId == null || spanId.isEmpty()) return problem("span id missing");
    if (!HexIds.isHex(spanId, 16) || HexIds.low64(spanId, spanId.length()) == 0) {
      return problem("span id '" + spanId + "' is not 1-16 hex digits, or is all zeros");
    }
    if (startNanos == null) return problem("start time missing");
    if (endNanos == null) return problem("end time (or duration) missing");
    if (endNanos < startNanos) return problem("end time " + endNanos + " before start time " + startNanos);
    long id = HexIds.low64(spanId, spanId.length());
    String parent = null;
    boolean parentNotHex = false;
    if (parentSpanId != null && !parentSpanId.isEmpty()) {
      if (HexIds.isHex(parentSpanId, 16)) {
        long p = HexIds.low64(parentSpanId, parentSpanId.length());
        if (p != 0 && p != id) parent = HexIds.toHex(p);
      } else {
        parentNotHex = true; // e.g. "root" in research datasets: no parent
      }
    }
    SpanKind k = kind == null ? SpanKind.UNSPECIFIED : SpanKind.parseOrNull(kind);
    if (k == null) return problem("kind '" + kind + "' is not a span kind");
    StatusCode s = statusCode == null || statusCode.isEmpty() ? StatusCode.UNSET : StatusCode.parseOrNull(statusCode);
    if (s == null) return problem("status '" + statusCode + "' is not a status code");
    ArchiveSpan span = new ArchiveSpan(HexIds.toHex(HexIds.traceHigh(traceId), HexIds.traceLow(traceId)), HexIds.toHex(id),
        parent, serviceName == null || serviceName.isEmpty() ? null : serviceName, name, k.name(), startNanos, endNanos,
        s.name(), statusMessage == null || statusMessage.isEmpty() ? null : statusMessage, new TreeMap<>(attributes),
        new TreeMap<>(resourceAttributes), links);
    return new Result(span, null, parentNotHex);
  }

  private static Result problem(String why) {
    return new Result(null, why, false);
  }
}
