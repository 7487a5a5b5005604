package io.tracegraph.jobs.tables;

import static io.tracegraph.jobs.tables.TableColumn.estimate;
import static io.tracegraph.jobs.tables.TableColumn.int64;
import static io.tracegraph.jobs.tables.TableColumn.ratio;
import static io.tracegraph.jobs.tables.TableColumn.string;

import io.tracegraph.model.SpanStats;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * {@code services}: one row per service that wrote spans, with its spans, the requests it served (server and
 * consumer spans) and their errors and latency, its self time, reach, callers and callees, and when its requests
 * started (tables v2). {@link #restore} gives the statistics back for rollups; callers and callees are not restored,
 * since a rollup recomputes them from the merged edges.
 */
public final class ServicesTable {
  private ServicesTable() {}

  /** What a row is made of: the service, its statistics, its callers and callees, the day's trace count. */
  public record ServiceRow(String service, SpanStats stats, List<String> callers, List<String> callees, long traces) {}

  static final TableColumn<ServiceRow, String> SERVICE = string("service", false, ServiceRow::service);
  static final TableColumn<ServiceRow, Long> SPANS = int64("spans", false, r -> r.stats().spans());
  static final TableColumn<ServiceRow, Long> SPANS_ESTIMATED =
      estimate("spans_estimated", r -> r.stats().spansWeighted());
  static final TableColumn<ServiceRow, Long> REQUESTS = int64("server_requests", false, r -> r.stats().requests());
  static final TableColumn<ServiceRow, Long> REQUESTS_ESTIMATED =
      estimate("server_requests_estimated", r -> r.stats().requestsWeighted());
  static final TableColumn<ServiceRow, Long> ERRORS = int64("errors", false, r -> r.stats().errors());
  static final TableColumn<ServiceRow, Long> ERRORS_ESTIMATED =
      estimate("errors_estimated", r -> r.stats().errorsWeighted());
  static final TableColumn<ServiceRow, Long> ERROR_SPANS = int64("error_spans", false, r -> r.stats().errorSpans());
  static final LatencyColumns<ServiceRow> LATENCY = LatencyColumns.of("latency", r -> r.stats().latency());
  static final SpanStatsColumns<ServiceRow> GROUP = new SpanStatsColumns<>(ServiceRow::stats, ServiceRow::callers,
      ServiceRow::callees, ServiceRow::traces);
  static final TimelineColumns<ServiceRow> SERVED = TimelineColumns.sinceV2(r -> r.stats().served());

  public static final Table<ServiceRow> TABLE = Table.of("services",
      SERVICE, SPANS, SPANS_ESTIMATED, REQUESTS, REQUESTS_ESTIMATED, ERRORS, ERRORS_ESTIMATED,
      ratio("error_rate", r -> r.stats().errors(), r -> r.stats().requests()),
      ERROR_SPANS, LATENCY, GROUP, SERVED);

  /** The service's name as stored in {@code row}. */
  public static String service(Row row) {
    return SERVICE.read(row);
  }

  /**
   * The service's statistics as stored in {@code row}, without callers and callees (recomputed from the merged
   * edges); the timeline is null for a day stored before tables v2.
   */
  public static SpanStats restore(Row row) {
    return SpanStats.restore(SPANS.read(row), SPANS_ESTIMATED.read(row), REQUESTS.read(row),
        REQUESTS_ESTIMATED.read(row), ERRORS.read(row), ERRORS_ESTIMATED.read(row), ERROR_SPANS.read(row),
        GROUP.traces.read(row), LATENCY.read(row), GROUP.selfTime.read(row), List.of(), List.of(), SERVED.read(row));
  }
}
