package io.tracegraph.model;

/**
 * The outcome of reading one input row: either a span of trace {@code (traceHigh, traceLow)} with the repairs made
 * to read it, or the reason it was dropped.
 */
public record ParsedRow(long traceHigh, long traceLow, Span span, int repairs, DropReason dropped) {

  static ParsedRow dropped(DropReason reason) {
    return new ParsedRow(0, 0, null, 0, reason);
  }

  public boolean isDropped() {
    return dropped != null;
  }
}
