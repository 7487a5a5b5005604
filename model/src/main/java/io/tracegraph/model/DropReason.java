package io.tracegraph.model;

import java.util.Locale;

/** Why an input row could not be used as a span. Dropped rows are counted by reason and reported, never hidden. */
public enum DropReason {
  TRACE_ID_MISSING("trace_id is null or empty"),
  TRACE_ID_INVALID("trace_id is not 1-32 hex digits, or is all zeros"),
  SPAN_ID_MISSING("span_id is null or empty"),
  SPAN_ID_INVALID("span_id is not 1-16 hex digits, or is all zeros"),
  TIME_MISSING("start_time_unix_nano or end_time_unix_nano is null"),
  END_BEFORE_START("end_time_unix_nano is before start_time_unix_nano"),
  /** Every row of a trace with more usable rows than the limit ({@link TraceAnalyses.Options#maxTraceSpans}). */
  TRACE_TOO_LARGE("the row's trace has more spans than --max-trace-spans; the whole trace is left out");

  private final String description;

  DropReason(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** The name used in run.json, e.g. {@code end_before_start}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
