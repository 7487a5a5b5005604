package io.tracegraph.tools.generate;

import io.tracegraph.model.SpanKind;
import io.tracegraph.model.StatusCode;
import java.util.ArrayList;
import java.util.List;

/**
 * A span as the generator builds it: mutable while the trace is synthesised (times first relative to the trace's
 * start, then placed on the clock; status set when an error is injected), then turned into archive rows. Lives only
 * inside one task and never crosses the Spark boundary.
 */
final class SyntheticSpan {
  /** How a span talks to its peer, which decides the attributes an error changes. */
  enum Protocol { HTTP, GRPC, DB, MESSAGING, NONE }

  final SyntheticSpan parent;
  final String service;
  final String host;
  final String name;
  final SpanKind kind;
  final Protocol protocol;
  long spanId;
  long start;
  long end;
  StatusCode status = StatusCode.UNSET;
  String statusMessage;
  /** Attribute keys and values, alternating; few entries, so a flat list beats a map until the row is built. */
  final List<String> attributes = new ArrayList<>(12);
  /** Weight of this span as the origin of an injected error (0: never chosen). */
  double errorWeight;
  /** The message an injected error at this span carries, and the HTTP status it answers with. */
  String errorMessage;
  int errorHttpStatus = 500;
  List<SyntheticSpan> children;
  /** Span links as (trace id, span id) hex pairs, or null: a batch consumer's links to its messages' producers. */
  List<String[]> links;

  // Set by the imperfection pass.
  /** 0: the trace itself; k > 0: the k-th fragment split off by broken context propagation. */
  int fragment;
  boolean skewed;
  RowFate fate = RowFate.WRITTEN;

  SyntheticSpan(SyntheticSpan parent, String service, String host, String name, SpanKind kind, Protocol protocol) {
    this.parent = parent;
    this.service = service;
    this.host = host;
    this.name = name;
    this.kind = kind;
    this.protocol = protocol;
    if (parent != null) {
      if (parent.children == null) parent.children = new ArrayList<>(4);
      parent.children.add(this);
    }
  }

  SyntheticSpan attr(String key, String value) {
    for (int i = 0; i < attributes.size(); i += 2) {
      if (attributes.get(i).equals(key)) {
        attributes.set(i + 1, value);
        return this;
      }
    }
    attributes.add(key);
    attributes.add(value);
    return this;
  }

  String attr(String key) {
    for (int i = 0; i < attributes.size(); i += 2) {
      if (attributes.get(i).equals(key)) return attributes.get(i + 1);
    }
    return null;
  }

  boolean error() {
    return status == StatusCode.ERROR;
  }

  List<SyntheticSpan> children() {
    return children == null ? List.of() : children;
  }

  /**
   * Marks the span failed, with the attributes instrumentation sets on failure: the HTTP status or gRPC status code,
   * and {@code error.type}.
   */
  void fail(String message, int httpStatus) {
    status = StatusCode.ERROR;
    statusMessage = message;
    switch (protocol) {
      case HTTP -> {
        attr("http.response.status_code", Integer.toString(httpStatus));
        attr("error.type", Integer.toString(httpStatus));
      }
      case GRPC -> {
        String code = httpStatus == 503 || httpStatus == 504 ? "14" : "13"; // UNAVAILABLE, INTERNAL
        attr("rpc.grpc.status_code", code);
        attr("error.type", code.equals("14") ? "UNAVAILABLE" : "INTERNAL");
      }
      default -> attr("error.type", "exception");
    }
  }
}
