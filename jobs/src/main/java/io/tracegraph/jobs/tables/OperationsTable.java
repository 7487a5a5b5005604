package io.tracegraph.jobs.tables;

import static io.tracegraph.jobs.tables.TableColumn.estimate;
import static io.tracegraph.jobs.tables.TableColumn.int64;
import static io.tracegraph.jobs.tables.TableColumn.ratio;
import static io.tracegraph.jobs.tables.TableColumn.string;

import io.tracegraph.model.CallTimeline;
import io.tracegraph.model.OperationKey;
import io.tracegraph.model.SpanKind;
import io.tracegraph.model.SpanStats;
import org.apache.spark.sql.Row;

/**
 * {@code operations}: one row per (service, operation, span kind), with its spans, errors, latency, self time,
 * reach, callers and callees. {@link #restore} gives the statistics back exactly, for rollups.
 */
public final class OperationsTable {
  private OperationsTable() {}

  /** What a row is made of: the operation, its statistics and the day's trace count. */
  public record OperationRow(OperationKey key, SpanStats stats, long traces) {}

  static final TableColumn<OperationRow, String> SERVICE = string("service", false, r -> r.key().service());
  static final TableColumn<OperationRow, String> OPERATION = string("operation", false, r -> r.key().operation());
  static final TableColumn<OperationRow, String> KIND = string("kind", false, r -> r.key().kind().name());
  static final TableColumn<OperationRow, Long> SPANS = int64("spans", false, r -> r.stats().spans());
  static final TableColumn<OperationRow, Long> SPANS_ESTIMATED =
      estimate("spans_estimated", r -> r.stats().spansWeighted());
  static final TableColumn<OperationRow, Long> ERRORS = int64("errors", false, r -> r.stats().errors());
  static final TableColumn<OperationRow, Long> ERRORS_ESTIMATED =
      estimate("errors_estimated", r -> r.stats().errorsWeighted());
  static final LatencyColumns<OperationRow> LATENCY = LatencyColumns.of("latency", r -> r.stats().latency());
  static final SpanStatsColumns<OperationRow> GROUP = new SpanStatsColumns<>(OperationRow::stats,
      r -> r.stats().callers(), r -> r.stats().callees(), OperationRow::traces);

  public static final Table<OperationRow> TABLE = Table.of("operations",
      SERVICE, OPERATION, KIND, SPANS, SPANS_ESTIMATED, ERRORS, ERRORS_ESTIMATED,
      ratio("error_rate", r -> r.stats().errors(), r -> r.stats().spans()),
      LATENCY, GROUP);

  /** The operation as stored in {@code row}. */
  public static OperationKey key(Row row) {
    return new OperationKey(SERVICE.read(row), OPERATION.read(row), SpanKind.valueOf(KIND.read(row)));
  }

  /**
   * The operation's statistics as stored in {@code row}: an operation's requests are its spans (and its error spans
   * its errors); it has no timeline of served requests.
   */
  public static SpanStats restore(Row row) {
    long spans = SPANS.read(row);
    long spansWeighted = SPANS_ESTIMATED.read(row);
    long errors = ERRORS.read(row);
    return SpanStats.restore(spans, spansWeighted, spans, spansWeighted, errors, ERRORS_ESTIMATED.read(row), errors,
        GROUP.traces.read(row), LATENCY.read(row), GROUP.selfTime.read(row), GROUP.callers.read(row),
        GROUP.callees.read(row), new CallTimeline());
  }
}
