package io.tracegraph.jobs.tables;

import static io.tracegraph.jobs.tables.TableColumn.date;
import static io.tracegraph.jobs.tables.TableColumn.estimate;
import static io.tracegraph.jobs.tables.TableColumn.int32;
import static io.tracegraph.jobs.tables.TableColumn.int64;

import io.tracegraph.model.TrafficTotals;
import java.time.LocalDate;
import org.apache.spark.sql.Row;

/**
 * {@code totals}: one row per day (or rollup range) with its first and last day, the traces and spans counted, as
 * counted and as estimated from sampling weights, and how many spans carried a sampling weight.
 */
public final class TotalsTable {
  private TotalsTable() {}

  /**
   * What the row is made of: the days it covers, how many of them are counted (all of them, unless a rollup left
   * uncommitted days out) and their totals.
   */
  public record TotalsRow(LocalDate firstDay, LocalDate lastDay, int days, TrafficTotals totals) {
    /** The days from {@code first} to {@code last}, both included. */
    public static int daysFrom(LocalDate first, LocalDate last) {
      return Math.toIntExact(last.toEpochDay() - first.toEpochDay() + 1);
    }
  }

  static final TableColumn<TotalsRow, Long> TRACES = int64("traces", false, r -> r.totals().traces());
  static final TableColumn<TotalsRow, Long> TRACES_ESTIMATED =
      estimate("traces_estimated", r -> r.totals().tracesWeighted());
  static final TableColumn<TotalsRow, Long> SPANS = int64("spans", false, r -> r.totals().spans());
  static final TableColumn<TotalsRow, Long> SPANS_ESTIMATED =
      estimate("spans_estimated", r -> r.totals().spansWeighted());
  static final TableColumn<TotalsRow, Long> SPANS_WITH_SAMPLING_WEIGHT =
      int64("spans_with_sampling_weight", false, r -> r.totals().spansWithSamplingWeight());

  public static final Table<TotalsRow> TABLE = Table.of("totals",
      date("first_day", TotalsRow::firstDay),
      date("last_day", TotalsRow::lastDay),
      int32("days", TotalsRow::days),
      TRACES, TRACES_ESTIMATED, SPANS, SPANS_ESTIMATED, SPANS_WITH_SAMPLING_WEIGHT);

  /** The totals as stored in {@code row}. */
  public static TrafficTotals restore(Row row) {
    return new TrafficTotals(TRACES.read(row), TRACES_ESTIMATED.read(row), SPANS.read(row), SPANS_ESTIMATED.read(row),
        SPANS_WITH_SAMPLING_WEIGHT.read(row));
  }
}
