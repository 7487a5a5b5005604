package io.tracegraph.reports.capacity;

import io.tracegraph.reports.Csv;
import io.tracegraph.reports.capacity.CapacityReport.EdgeCapacity;
import io.tracegraph.reports.capacity.CapacityReport.Projection;
import io.tracegraph.reports.capacity.CapacityReport.Series;
import io.tracegraph.reports.capacity.CapacityReport.ServiceCapacity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code services.csv}, {@code edges.csv} and {@code whatif.csv}, written by {@link Csv} (RFC 4180, names that
 * look like formulas neutralised): a header row, empty cells for absent values, numbers rounded as in the JSON.
 * The forecast columns repeat
 * for the daily calls ({@code calls_*}) and the busiest minute ({@code busiest_*}).
 */
public final class CapacityCsv {
  private CapacityCsv() {}

  public static String services(CapacityReport r) {
    List<String> header = new ArrayList<>(List.of("service", "instrumented", "growth_rank"));
    header.addAll(SERIES);
    header.add("p99_us");
    forecastHeader(header);
    header.add("busiest_minute_source");
    StringBuilder sb = Csv.line(new StringBuilder(), header);
    for (ServiceCapacity s : r.services()) {
      List<Object> row = new ArrayList<>(List.of(s.service(), s.instrumented()));
      row.add(CapacityJson.rank(r, s));
      series(row, s.series());
      row.add(Numbers.text(s.p99Micros()));
      forecast(row, s.calls());
      forecast(row, s.busiest());
      row.add(s.busiestSource());
      Csv.line(sb, row);
    }
    return sb.toString();
  }

  public static String edges(CapacityReport r) {
    List<String> header = new ArrayList<>(List.of("caller", "callee", "connection_type", "broker", "destination"));
    header.addAll(SERIES);
    header.add("p99_us");
    header.add("p99_side");
    forecastHeader(header);
    StringBuilder sb = Csv.line(new StringBuilder(), header);
    for (EdgeCapacity e : r.edges()) {
      List<Object> row = new ArrayList<>();
      row.add(e.key().caller());
      row.add(e.key().callee());
      row.add(e.key().connectionType());
      row.add(e.key().broker());
      row.add(e.key().destination());
      series(row, e.series());
      row.add(Numbers.text(e.p99Micros()));
      row.add(e.p99Side());
      forecast(row, e.calls());
      forecast(row, e.busiest());
      Csv.line(sb, row);
    }
    return sb.toString();
  }

  /** The what-if projection, one row per service; only written when factors were given. */
  public static String whatIf(CapacityReport r) {
    StringBuilder sb = Csv.line(new StringBuilder(), List.of("service", "range_calls", "calls_caused_by_scaled",
        "multiplier", "observed_daily_calls", "projected_daily_calls", "observed_busiest_minute_calls",
        "projected_busiest_minute_calls", "busiest_minute_source", "projection_method", "added_busiest_minute_calls"));
    for (Projection p : r.projections()) {
      long caused = p.entryCalls().values().stream().mapToLong(Long::longValue).sum();
      Csv.line(sb, List.of(p.service(), p.rangeCalls(), caused, Numbers.text(p.multiplier()),
          Numbers.text(p.observedDailyCalls()), Numbers.text(p.projectedDailyCalls()), p.observedBusiestMinute(),
          Numbers.text(p.projectedBusiestMinute()), p.busiestSource(), p.method(),
          Numbers.text(p.addedBusiestMinute())));
    }
    return sb.toString();
  }

  private static final List<String> SERIES = List.of("days", "total_calls", "mean_daily_calls",
      "max_busiest_minute_calls");

  private static void series(List<Object> row, Series s) {
    row.add(s.dailyCalls().size());
    row.add(s.totalCalls());
    row.add(Numbers.text(s.meanDailyCalls()));
    row.add(s.maxBusiestMinute());
  }

  private static void forecastHeader(List<String> header) {
    for (String prefix : List.of("calls_", "busiest_")) {
      for (String name : ForecastFields.NAMES) header.add(prefix + name);
    }
  }

  private static void forecast(List<Object> row, SeriesForecast f) {
    for (Map.Entry<String, Object> e : ForecastFields.of(f).entrySet()) {
      row.add(e.getValue() instanceof Double d ? Numbers.text(d) : e.getValue());
    }
  }
}
