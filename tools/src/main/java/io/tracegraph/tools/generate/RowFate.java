package io.tracegraph.tools.generate;

/** What happens to a span's row on its way to the archive. Each span has exactly one fate. */
enum RowFate {
  WRITTEN(null),
  LOST(DayCounter.LOST_SPANS),
  DUPLICATED(DayCounter.DUPLICATE_ROWS),
  ID_UPPER_CASE(DayCounter.ID_UPPER_CASE),
  KIND_SPELLING(DayCounter.KIND_SPELLING),
  STATUS_SPELLING(DayCounter.STATUS_SPELLING),
  /** Written, plus a copy with an empty span_id. */
  SPAN_ID_MISSING(DayCounter.SPAN_ID_MISSING),
  /** Written, plus a copy whose end is before its start. */
  END_BEFORE_START(DayCounter.END_BEFORE_START),
  /** Written without a service name. */
  SERVICE_MISSING(DayCounter.SERVICE_MISSING);

  final DayCounter tally;

  RowFate(DayCounter tally) {
    this.tally = tally;
  }

  /** Rows the span puts in the archive. */
  int rows() {
    return switch (this) {
      case LOST -> 0;
      case DUPLICATED, SPAN_ID_MISSING, END_BEFORE_START -> 2;
      default -> 1;
    };
  }

  String flag() {
    return switch (this) {
      case WRITTEN -> null;
      case LOST -> Imperfections.FLAG_LOST_SPAN;
      case DUPLICATED -> Imperfections.FLAG_DUPLICATE_ROW;
      case ID_UPPER_CASE, KIND_SPELLING, STATUS_SPELLING -> Imperfections.FLAG_RESPELLED_ROW;
      case SPAN_ID_MISSING, END_BEFORE_START -> Imperfections.FLAG_INVALID_ROW;
      case SERVICE_MISSING -> Imperfections.FLAG_SERVICE_MISSING;
    };
  }

  /** The fates a row-level draw can give, in the order of the cumulative rates (new fates last: same draws). */
  static final RowFate[] DRAWN = {LOST, DUPLICATED, ID_UPPER_CASE, KIND_SPELLING, STATUS_SPELLING, SPAN_ID_MISSING,
      END_BEFORE_START, SERVICE_MISSING};

  double rate() {
    return switch (this) {
      case WRITTEN -> 0;
      case LOST -> Imperfections.LOST_SPAN_RATE;
      case DUPLICATED -> Imperfections.DUPLICATE_ROW_RATE;
      case ID_UPPER_CASE, KIND_SPELLING, STATUS_SPELLING -> Imperfections.RESPELLED_ROW_RATE;
      case SPAN_ID_MISSING, END_BEFORE_START -> Imperfections.INVALID_ROW_RATE;
      case SERVICE_MISSING -> Imperfections.SERVICE_MISSING_RATE;
    };
  }
}
