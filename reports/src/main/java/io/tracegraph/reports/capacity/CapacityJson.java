package io.tracegraph.reports.capacity;

import io.tracegraph.reports.Json;
import io.tracegraph.reports.capacity.CapacityInput.EntryKey;
import io.tracegraph.reports.capacity.CapacityReport.EdgeCapacity;
import io.tracegraph.reports.capacity.CapacityReport.Projection;
import io.tracegraph.reports.capacity.CapacityReport.Series;
import io.tracegraph.reports.capacity.CapacityReport.ServiceCapacity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code capacity.json} ({@code "format": "tracegraph.capacity/1"}): the whole report, keys in a fixed order. */
public final class CapacityJson {
  public static final String FORMAT = "tracegraph.capacity/1";

  private CapacityJson() {}

  public static String render(CapacityReport r) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("from", r.from().toString());
    root.put("to", r.to().toString());
    root.put("days", r.days().stream().map(LocalDate::toString).toList());
    root.put("horizon_days", r.horizonDays());
    root.put("horizon_date", r.horizonDate().toString());
    root.put("method", method());
    List<Object> services = new ArrayList<>();
    for (ServiceCapacity s : r.services()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("service", s.service());
      m.put("instrumented", s.instrumented());
      m.put("growth_rank", rank(r, s));
      series(m, s.series());
      m.put("p99_us", Numbers.round(s.p99Micros()));
      m.put("calls", ForecastFields.of(s.calls()));
      m.put("busiest_minute", ForecastFields.of(s.busiest()));
      m.put("daily", daily(s.series()));
      m.put("busiest_minute_source", s.busiestSource());
      services.add(m);
    }
    root.put("services", services);
    List<Object> edges = new ArrayList<>();
    for (EdgeCapacity e : r.edges()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("caller", e.key().caller());
      m.put("callee", e.key().callee());
      m.put("connection_type", e.key().connectionType());
      m.put("broker", e.key().broker());
      m.put("destination", e.key().destination());
      series(m, e.series());
      m.put("p99_us", Numbers.round(e.p99Micros()));
      m.put("p99_side", e.p99Side());
      m.put("calls", ForecastFields.of(e.calls()));
      m.put("busiest_minute", ForecastFields.of(e.busiest()));
      m.put("daily", daily(e.series()));
      edges.add(m);
    }
    root.put("edges", edges);
    root.put("ranking", r.ranking().stream().map(ServiceCapacity::service).toList());
    root.put("what_if", r.whatIf().isEmpty() ? null : whatIf(r));
    return Json.write(root);
  }

  /** 1-based position in the growth ranking, or null for a service without a fit. */
  static Integer rank(CapacityReport r, ServiceCapacity s) {
    int i = r.ranking().indexOf(s);
    return i < 0 ? null : i + 1;
  }

  private static Map<String, Object> method() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fit", "least squares of ln(daily value) on the day number (Commons Math SimpleRegression); growth = "
        + "exp(7 * slope) - 1 per week");
    m.put("confidence", GrowthFit.CONFIDENCE);
    m.put("min_days", ForecastVerdict.MIN_DAYS);
    m.put("max_interval_ratio", ForecastVerdict.MAX_INTERVAL_RATIO);
    m.put("zero_days", "days without calls are left out of the fit and counted");
    m.put("service_calls", "sum of the calls of the edges into the service, or its SERVER spans when more");
    m.put("service_busiest_minute", "served_requests: the service's own busiest minute of served requests "
        + "(services.busiest_minute_calls, tables v2); edge_sum (days before tables v2, uninstrumented peers): sum "
        + "of the busiest-minute calls of the edges into the service (upper bound), scaled by SERVER spans / "
        + "incoming calls when that is above 1; mixed: some days each");
    m.put("what_if", "coinciding_peaks: projected busiest minute = observed + sum over scaled entry points of "
        + "(factor - 1) * the entry point's busiest minute of requests (entry_points.busiest_minute_calls, largest "
        + "day) * its calls per request into the service over the range (downstream calls / requests, plus 1 for its "
        + "own service); peaks assumed to coincide: an upper bound for factors above 1. share_of_calls (a scaled "
        + "entry point without a busiest minute, days before tables v2): observed * multiplier. Daily calls: "
        + "observed * multiplier, multiplier = 1 + sum of (factor - 1) * calls the entry point caused in the service "
        + "/ the service's calls");
    return m;
  }

  private static void series(Map<String, Object> m, Series s) {
    m.put("total_calls", s.totalCalls());
    m.put("mean_daily_calls", Numbers.round(s.meanDailyCalls()));
    m.put("max_busiest_minute_calls", s.maxBusiestMinute());
  }

  private static List<Object> daily(Series s) {
    List<Object> days = new ArrayList<>();
    s.dailyCalls().forEach((d, calls) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("date", d.toString());
      m.put("calls", calls);
      m.put("busiest_minute_calls", s.busiestMinute().get(d));
      days.add(m);
    });
    return days;
  }

  private static Map<String, Object> whatIf(CapacityReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> factors = new ArrayList<>();
    r.whatIf().factors().forEach((k, f) -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("service", k.service());
      e.put("operation", k.operation());
      e.put("factor", f);
      factors.add(e);
    });
    m.put("factors", factors);
    List<Object> services = new ArrayList<>();
    for (Projection p : r.projections()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("service", p.service());
      e.put("range_calls", p.rangeCalls());
      Map<String, Long> caused = new LinkedHashMap<>();
      for (Map.Entry<EntryKey, Long> c : p.entryCalls().entrySet()) caused.put(c.getKey().label(), c.getValue());
      e.put("calls_caused_by_scaled", caused);
      e.put("multiplier", Numbers.round(p.multiplier()));
      e.put("observed_daily_calls", Numbers.round(p.observedDailyCalls()));
      e.put("projected_daily_calls", Numbers.round(p.projectedDailyCalls()));
      e.put("observed_busiest_minute_calls", p.observedBusiestMinute());
      e.put("projected_busiest_minute_calls", Numbers.round(p.projectedBusiestMinute()));
      e.put("busiest_minute_source", p.busiestSource());
      e.put("method", p.method());
      Map<String, Object> perRequest = new LinkedHashMap<>();
      p.callsPerRequest().forEach((k, v) -> perRequest.put(k.label(), Numbers.round(v)));
      e.put("calls_per_request", perRequest);
      e.put("added_busiest_minute_calls", Numbers.round(p.addedBusiestMinute()));
      services.add(e);
    }
    m.put("services", services);
    return m;
  }
}
