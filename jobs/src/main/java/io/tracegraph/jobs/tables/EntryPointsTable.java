package io.tracegraph.jobs.tables;

import static io.tracegraph.jobs.tables.TableColumn.estimate;
import static io.tracegraph.jobs.tables.TableColumn.float64;
import static io.tracegraph.jobs.tables.TableColumn.int64;
import static io.tracegraph.jobs.tables.TableColumn.ratio;
import static io.tracegraph.jobs.tables.TableColumn.rows;
import static io.tracegraph.jobs.tables.TableColumn.string;

import io.tracegraph.model.EntryPointKey;
import io.tracegraph.model.EntryPointStats;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * {@code entry_points}: one row per (service, operation) where traces start, with its requests, errors and latency,
 * its share of all traces, the services and peers its traces call (with calls per request), and when its requests
 * started (tables v2). {@link #restore} gives the statistics back exactly, for rollups.
 */
public final class EntryPointsTable {
  private EntryPointsTable() {}

  /** What a row is made of: the entry point, its statistics and the day's trace count. */
  public record EntryPointRow(EntryPointKey key, EntryPointStats stats, long traces) {}

  /** What an entry of {@code downstream} is made of: a callee of the entry point's traces, and its requests. */
  record DownstreamEntry(EntryPointStats.Downstream downstream, long entryRequests) {}

  static final TableColumn<DownstreamEntry, String> CALLEE = string("callee", false, d -> d.downstream().callee());
  static final TableColumn<DownstreamEntry, Long> CALLS = int64("calls", false, d -> d.downstream().calls());
  static final TableColumn<DownstreamEntry, Long> REQUESTS_WITH_CALLS =
      int64("requests", false, d -> d.downstream().requests());
  static final Table<DownstreamEntry> DOWNSTREAM_ENTRY = Table.of("downstream", CALLEE, CALLS,
      float64("calls_per_request", false, d -> (double) d.downstream().calls() / d.entryRequests()),
      REQUESTS_WITH_CALLS);

  static final TableColumn<EntryPointRow, String> SERVICE = string("service", false, r -> r.key().service());
  static final TableColumn<EntryPointRow, String> OPERATION = string("operation", false, r -> r.key().operation());
  static final TableColumn<EntryPointRow, Long> REQUESTS = int64("requests", false, r -> r.stats().requests());
  static final TableColumn<EntryPointRow, Long> REQUESTS_ESTIMATED =
      estimate("requests_estimated", r -> r.stats().requestsWeighted());
  static final TableColumn<EntryPointRow, Long> ERRORS = int64("errors", false, r -> r.stats().errors());
  static final TableColumn<EntryPointRow, Long> ERRORS_ESTIMATED =
      estimate("errors_estimated", r -> r.stats().errorsWeighted());
  static final LatencyColumns<EntryPointRow> LATENCY = LatencyColumns.of("latency", r -> r.stats().latency());
  static final TableColumn<EntryPointRow, List<Row>> DOWNSTREAM = rows("downstream", DOWNSTREAM_ENTRY,
      r -> r.stats().downstream().stream().map(d -> new DownstreamEntry(d, r.stats().requests())).toList());
  static final TimelineColumns<EntryPointRow> TIMELINE = TimelineColumns.sinceV2(r -> r.stats().timeline());

  public static final Table<EntryPointRow> TABLE = Table.of("entry_points",
      SERVICE, OPERATION, REQUESTS, REQUESTS_ESTIMATED, ERRORS, ERRORS_ESTIMATED,
      ratio("error_rate", r -> r.stats().errors(), r -> r.stats().requests()),
      LATENCY,
      ratio("trace_share", r -> r.stats().requests(), EntryPointRow::traces),
      DOWNSTREAM, TIMELINE);

  /** The entry point as stored in {@code row}. */
  public static EntryPointKey key(Row row) {
    return new EntryPointKey(SERVICE.read(row), OPERATION.read(row));
  }

  /** The entry point's statistics as stored in {@code row}; the timeline is null for a day stored before tables v2. */
  public static EntryPointStats restore(Row row) {
    List<EntryPointStats.Downstream> downstream = new ArrayList<>();
    for (Row d : DOWNSTREAM.read(row)) {
      downstream.add(new EntryPointStats.Downstream(CALLEE.read(d), CALLS.read(d), REQUESTS_WITH_CALLS.read(d)));
    }
    return EntryPointStats.restore(REQUESTS.read(row), REQUESTS_ESTIMATED.read(row), ERRORS.read(row),
        ERRORS_ESTIMATED.read(row), LATENCY.read(row), downstream, TIMELINE.read(row));
  }
}
