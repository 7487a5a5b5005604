package io.tracegraph.tools.generate;

import io.tracegraph.model.DropReason;
import io.tracegraph.model.Repair;

/**
 * The counters of {@code _generator/summary.json}, per day. Row and span counters count in the partition the row lands
 * in (the UTC day of its start); trace counters count on the trace's day (its earliest span). A dot in the key nests
 * it in the JSON ({@code imperfections.invalid_rows.span_id_missing}).
 */
enum DayCounter {
  /** Every row of the day's partition: spans, duplicates and invalid rows. */
  ROWS_WRITTEN("rows_written"),
  /** Distinct valid spans in the day's partition: what a reader keeps after dropping bad rows and merging copies. */
  SPANS_WRITTEN("spans_written"),
  /** Traces starting on the day (normal, crossing midnight, showcase), not counting propagation fragments. */
  TRACES("traces"),
  TRACES_WITH_INJECTED_ERROR("injected_errors.traces"),
  ERRORS_REACHING_ROOT("injected_errors.reaching_root"),
  LOST_SPANS("imperfections." + Imperfections.LOST_SPANS),
  DUPLICATE_ROWS("imperfections." + Imperfections.DUPLICATE_ROWS),
  SKEWED_SPANS("imperfections." + Imperfections.SKEWED_SPANS),
  ID_UPPER_CASE("imperfections." + Imperfections.RESPELLED_ROWS + "." + Repair.ID_UPPER_CASE.key()),
  KIND_SPELLING("imperfections." + Imperfections.RESPELLED_ROWS + "." + Repair.KIND_SPELLING.key()),
  STATUS_SPELLING("imperfections." + Imperfections.RESPELLED_ROWS + "." + Repair.STATUS_SPELLING.key()),
  SPAN_ID_MISSING("imperfections." + Imperfections.INVALID_ROWS + "." + DropReason.SPAN_ID_MISSING.key()),
  END_BEFORE_START("imperfections." + Imperfections.INVALID_ROWS + "." + DropReason.END_BEFORE_START.key()),
  SERVICE_MISSING("imperfections." + Repair.SERVICE_MISSING.key()),
  BROKEN_PROPAGATION_TRACES("imperfections." + Imperfections.BROKEN_PROPAGATION_TRACES),
  PROPAGATION_FRAGMENTS("imperfections." + Imperfections.PROPAGATION_FRAGMENTS),
  CROSSING_MIDNIGHT_TRACES("imperfections." + Imperfections.CROSSING_MIDNIGHT_TRACES),
  // What InjectedPatterns put in: only written when some pattern was asked for.
  N_PLUS_ONE_LOOPS(DayCounter.PATTERNS + "n_plus_one.loops"),
  N_PLUS_ONE_CALLS(DayCounter.PATTERNS + "n_plus_one.calls"),
  N_PLUS_ONE_TRACES(DayCounter.PATTERNS + "n_plus_one.traces"),
  RETRIES(DayCounter.PATTERNS + "retry.retries"),
  RETRY_TRACES(DayCounter.PATTERNS + "retry.traces"),
  FAN_OUTS(DayCounter.PATTERNS + "fan_out.fan_outs"),
  FAN_OUT_CALLS(DayCounter.PATTERNS + "fan_out.calls"),
  FAN_OUT_TRACES(DayCounter.PATTERNS + "fan_out.traces"),
  BATCH_TRACES(DayCounter.PATTERNS + "batch.traces"),
  BATCH_MESSAGES(DayCounter.PATTERNS + "batch.messages"),
  BATCH_LINKS_TO_LOST_SPANS(DayCounter.PATTERNS + "batch.links_to_lost_spans");

  /** The key prefix of the injected patterns' counters. */
  static final String PATTERNS = "injected_patterns.";

  private final String key;

  DayCounter(String key) {
    this.key = key;
  }

  String key() {
    return key;
  }

  /** A counter of {@link InjectedPatterns}, left out of summary.json when no pattern was asked for. */
  boolean injectedPattern() {
    return key.startsWith(PATTERNS);
  }
}
