package io.tracegraph.reports.capacity;

import io.tracegraph.model.LatencySketch;
import io.tracegraph.reports.capacity.CapacityInput.EdgeDay;
import io.tracegraph.reports.capacity.CapacityInput.EdgeKey;
import io.tracegraph.reports.capacity.CapacityInput.EntryDay;
import io.tracegraph.reports.capacity.CapacityInput.EntryKey;
import io.tracegraph.reports.capacity.CapacityInput.ServiceDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The capacity report of a range of days: per service and per edge the daily calls and busiest minute, the p99 over
 * the range, the growth fit and forecasts ({@link SeriesForecast}); the ranking of services by growth; and the
 * what-if projection ({@link WhatIf}). Pure: built from {@link CapacityInput}, no Spark.
 *
 * <p>A <b>service</b> here is anything that receives calls, instrumented or not (databases, brokers, external APIs
 * too): its calls of a day are the calls of all edges into it, as the {@code entry_points.downstream} multiplicities
 * count them, or its SERVER spans ({@code services.server_requests}) when there are more of those: requests that
 * arrive from no known caller (an entry service without a load balancer in front) have a SERVER span but no edge,
 * and consumers have calls but no SERVER spans. Its <b>busiest minute</b> of a day is its own
 * ({@code services.busiest_minute_calls}, tables v2: the served requests of its busiest minute;
 * {@link #SERVED_REQUESTS}). Days written before v2, and uninstrumented peers, have none: there it is the sum of
 * its incoming edges' busiest-minute calls ({@link #EDGE_SUM}), an upper bound, exact for one incoming edge and
 * whenever its edges peak in the same minute, scaled up by the ratio (rounded) when its SERVER spans outnumber its
 * incoming calls, assuming the requests without a caller arrive like the others. Its p99 is that of its SERVER
 * spans' latency over the range (merged sketches); for an uninstrumented peer, that of the client spans calling
 * it. An edge's p99 is its server-side latency, or client-side when it has no server side (calls to peers).
 *
 * <p>Day numbers for the fits count from {@code from} (day 0); the horizon day is {@code to + horizonDays}.
 *
 * @param from first day asked for
 * @param to last day asked for
 * @param days the days that had tables
 * @param horizonDays how far past {@code to} the forecasts look
 * @param services by name
 * @param edges in table order
 * @param whatIf the factors asked for (empty without {@code --scale})
 * @param projections one per service when there are factors, else empty
 * @param ranking the services with a growth fit, fastest growth first (ties by name)
 */
public record CapacityReport(LocalDate from, LocalDate to, List<LocalDate> days, int horizonDays,
                             List<ServiceCapacity> services, List<EdgeCapacity> edges, WhatIf whatIf,
                             List<Projection> projections, List<ServiceCapacity> ranking) {
  public CapacityReport {
    days = List.copyOf(days);
    services = List.copyOf(services);
    edges = List.copyOf(edges);
    projections = List.copyOf(projections);
    ranking = List.copyOf(ranking);
    Objects.requireNonNull(whatIf, "whatIf == null");
  }

  /** Where a service's busiest minute comes from: its own served requests on every day (tables v2). */
  public static final String SERVED_REQUESTS = "served_requests";
  /** ... the sum of its incoming edges' busiest minutes on every day (before v2, or an uninstrumented peer). */
  public static final String EDGE_SUM = "edge_sum";
  /** ... its own on some days, the edge sum on others. */
  public static final String MIXED = "mixed";
  /** What-if: the scaled entry points' busiest minutes added at the service's, peaks coinciding (tables v2). */
  public static final String COINCIDING_PEAKS = "coinciding_peaks";
  /** What-if: the busiest minute times the calls multiplier (a scaled entry point has no busiest minute). */
  public static final String SHARE_OF_CALLS = "share_of_calls";

  /** The day the forecasts are for. */
  public LocalDate horizonDate() {
    return to.plusDays(horizonDays);
  }

  /** One series' daily values over the days with tables (0 on days without calls), and the totals of the range. */
  public record Series(SortedMap<LocalDate, Long> dailyCalls, SortedMap<LocalDate, Long> busiestMinute) {
    public Series {
      dailyCalls = Collections.unmodifiableSortedMap(new TreeMap<>(dailyCalls));
      busiestMinute = Collections.unmodifiableSortedMap(new TreeMap<>(busiestMinute));
    }

    public long totalCalls() {
      return dailyCalls.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Mean calls per day over the days with tables. */
    public double meanDailyCalls() {
      return dailyCalls.isEmpty() ? 0 : totalCalls() / (double) dailyCalls.size();
    }

    /** The largest busiest minute of any day of the range. */
    public long maxBusiestMinute() {
      return busiestMinute.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
  }

  /**
   * A service's capacity figures.
   *
   * @param instrumented it wrote spans (has rows in the {@code services} table)
   * @param p99Micros p99 latency over the range, µs; null without latency
   * @param calls growth and forecast of its daily calls
   * @param busiest growth and forecast of its busiest minute
   * @param busiestSource {@link #SERVED_REQUESTS}, {@link #EDGE_SUM} or {@link #MIXED}
   */
  public record ServiceCapacity(String service, boolean instrumented, Series series, Double p99Micros,
                                SeriesForecast calls, SeriesForecast busiest, String busiestSource) {}

  /**
   * An edge's capacity figures.
   *
   * @param p99Side {@code server} or {@code client}: which spans' latency the p99 is; null without latency
   */
  public record EdgeCapacity(EdgeKey key, Series series, Double p99Micros, String p99Side, SeriesForecast calls,
                             SeriesForecast busiest) {}

  /**
   * A service under the what-if factors.
   *
   * @param multiplier {@link WhatIf#multiplier}, of the daily calls
   * @param entryCalls calls into the service caused by each scaled entry point over the range
   * @param projectedBusiestMinute {@link WhatIf}: observed + added ({@link #COINCIDING_PEAKS}), or observed times
   *     the multiplier ({@link #SHARE_OF_CALLS})
   * @param busiestSource where the observed busiest minute comes from ({@link ServiceCapacity#busiestSource})
   * @param method {@link #COINCIDING_PEAKS} or {@link #SHARE_OF_CALLS}
   * @param callsPerRequest per scaled entry point: its calls into the service per request over the range
   * @param addedBusiestMinute {@link WhatIf#addedAtPeak} ({@link #COINCIDING_PEAKS}), else projected − observed
   */
  public record Projection(String service, long rangeCalls, SortedMap<EntryKey, Long> entryCalls, double multiplier,
                           double observedDailyCalls, double projectedDailyCalls, long observedBusiestMinute,
                           double projectedBusiestMinute, String busiestSource, String method,
                           SortedMap<EntryKey, Double> callsPerRequest, double addedBusiestMinute) {}

  /** Builds the report. {@code horizonDays} ≥ 1; every entry point of {@code whatIf} must be in the input. */
  public static CapacityReport build(CapacityInput input, int horizonDays, WhatIf whatIf) {
    if (horizonDays < 1) throw new IllegalArgumentException("horizon must be at least 1 day, got " + horizonDays);
    double horizonDay = day(input, input.to()) + horizonDays;

    // Edges: their own rows, day by day.
    Map<EdgeKey, TreeMap<LocalDate, Long>> edgeCalls = new TreeMap<>();
    Map<EdgeKey, TreeMap<LocalDate, Long>> edgeBusiest = new TreeMap<>();
    Map<EdgeKey, LatencySketch> edgeServer = new TreeMap<>();
    Map<EdgeKey, LatencySketch> edgeClient = new TreeMap<>();
    // Services: the sums of their incoming edges.
    Map<String, TreeMap<LocalDate, Long>> serviceCalls = new TreeMap<>();
    Map<String, TreeMap<LocalDate, Long>> serviceBusiest = new TreeMap<>();
    Map<String, TreeMap<LocalDate, Boolean>> serviceMeasured = new TreeMap<>(); // own busiest minute that day?
    Map<String, LatencySketch> peerLatency = new TreeMap<>();
    for (EdgeDay e : input.edges()) {
      add(edgeCalls, e.key(), e.day(), e.calls());
      add(edgeBusiest, e.key(), e.day(), e.busiestMinuteCalls());
      edgeServer.computeIfAbsent(e.key(), k -> new LatencySketch()).merge(e.server());
      edgeClient.computeIfAbsent(e.key(), k -> new LatencySketch()).merge(e.client());
      add(serviceCalls, e.key().callee(), e.day(), e.calls());
      add(serviceBusiest, e.key().callee(), e.day(), e.busiestMinuteCalls());
      peerLatency.computeIfAbsent(e.key().callee(), k -> new LatencySketch()).merge(e.client());
    }
    Map<String, LatencySketch> serverLatency = new TreeMap<>();
    for (ServiceDay s : input.services()) {
      serverLatency.computeIfAbsent(s.service(), k -> new LatencySketch()).merge(s.latency());
      TreeMap<LocalDate, Long> calls = serviceCalls.computeIfAbsent(s.service(), k -> new TreeMap<>());
      TreeMap<LocalDate, Long> busiest = serviceBusiest.computeIfAbsent(s.service(), k -> new TreeMap<>());
      long callsIn = calls.getOrDefault(s.day(), 0L);
      if (s.serverRequests() > callsIn) {
        // Requests without a known caller: count them, and scale the busiest minute as if they arrived alike.
        long busiestIn = busiest.getOrDefault(s.day(), 0L);
        calls.put(s.day(), s.serverRequests());
        busiest.put(s.day(), callsIn == 0 ? 0 : Math.round(busiestIn * (double) s.serverRequests() / callsIn));
      }
      if (s.busiestMinuteCalls() != null) busiest.put(s.day(), s.busiestMinuteCalls());
      serviceMeasured.computeIfAbsent(s.service(), k -> new TreeMap<>()).put(s.day(), s.busiestMinuteCalls() != null);
    }

    List<EdgeCapacity> edges = new ArrayList<>();
    for (EdgeKey key : edgeCalls.keySet()) {
      Series series = series(input, edgeCalls.get(key), edgeBusiest.get(key));
      LatencySketch server = edgeServer.get(key);
      LatencySketch client = edgeClient.get(key);
      LatencySketch latency = !server.isEmpty() ? server : client;
      edges.add(new EdgeCapacity(key, series, p99(latency), latency.isEmpty() ? null
          : latency == server ? "server" : "client", forecast(input, series.dailyCalls(), horizonDay),
          forecast(input, series.busiestMinute(), horizonDay)));
    }

    List<ServiceCapacity> services = new ArrayList<>();
    for (String name : serviceCalls.keySet()) {
      Series series = series(input, serviceCalls.get(name), serviceBusiest.get(name));
      boolean instrumented = serverLatency.containsKey(name);
      LatencySketch server = serverLatency.get(name);
      LatencySketch latency = server != null && !server.isEmpty() ? server : peerLatency.get(name);
      services.add(new ServiceCapacity(name, instrumented, series, latency == null ? null : p99(latency),
          forecast(input, series.dailyCalls(), horizonDay), forecast(input, series.busiestMinute(), horizonDay),
          busiestSource(serviceCalls.get(name), serviceBusiest.get(name), serviceMeasured.get(name))));
    }

    List<ServiceCapacity> ranking = new ArrayList<>();
    for (ServiceCapacity s : services) if (s.calls().fit() != null) ranking.add(s);
    ranking.sort(Comparator.comparingDouble((ServiceCapacity s) -> -s.calls().fit().slopePerDay())
        .thenComparing(ServiceCapacity::service));

    return new CapacityReport(input.from(), input.to(), input.days(), horizonDays, services, edges, whatIf,
        projections(input, whatIf, services), ranking);
  }

  /** Served requests when every day with traffic had the service's own busiest minute; none: edge sum. */
  private static String busiestSource(Map<LocalDate, Long> calls, Map<LocalDate, Long> busiest,
                                      Map<LocalDate, Boolean> measured) {
    int own = 0;
    int summed = 0;
    TreeMap<LocalDate, Boolean> days = new TreeMap<>();
    for (LocalDate d : calls.keySet()) days.put(d, false);
    for (LocalDate d : busiest.keySet()) days.put(d, false);
    if (measured != null) days.putAll(measured);
    for (var d : days.entrySet()) {
      boolean traffic = calls.getOrDefault(d.getKey(), 0L) > 0 || busiest.getOrDefault(d.getKey(), 0L) > 0;
      if (d.getValue()) own++;
      else if (traffic) summed++;
    }
    return summed == 0 && own > 0 ? SERVED_REQUESTS : own == 0 ? EDGE_SUM : MIXED;
  }

  private static List<Projection> projections(CapacityInput input, WhatIf whatIf, List<ServiceCapacity> services) {
    if (whatIf.isEmpty()) return List.of();
    Map<EntryKey, Boolean> known = new TreeMap<>();
    Map<String, SortedMap<EntryKey, Long>> caused = new TreeMap<>();
    Map<EntryKey, Long> requests = new TreeMap<>();
    Map<EntryKey, Long> peak = new TreeMap<>(); // B(e): the largest busiest minute of its days
    boolean peaksKnown = true; // every scaled entry point has a busiest minute on each of its days
    for (EntryDay e : input.entries()) {
      known.put(e.key(), true);
      if (!whatIf.factors().containsKey(e.key())) continue;
      requests.merge(e.key(), e.requests(), Long::sum);
      if (e.busiestMinuteRequests() == null) peaksKnown = false;
      else peak.merge(e.key(), e.busiestMinuteRequests(), Math::max);
      // The requests themselves load the entry service (its root SERVER spans); downstream leaves them out.
      caused.computeIfAbsent(e.key().service(), k -> new TreeMap<>()).merge(e.key(), e.requests(), Long::sum);
      for (CapacityInput.Downstream d : e.downstream()) {
        caused.computeIfAbsent(d.callee(), k -> new TreeMap<>()).merge(e.key(), d.calls(), Long::sum);
      }
    }
    for (EntryKey k : whatIf.factors().keySet()) {
      if (!known.containsKey(k)) {
        throw new IllegalArgumentException("no entry point " + k.label() + " in " + input.from() + ".." + input.to()
            + "; known: " + String.join(", ", known.keySet().stream().map(EntryKey::label).toList()));
      }
    }
    List<Projection> out = new ArrayList<>();
    for (ServiceCapacity s : services) {
      SortedMap<EntryKey, Long> entryCalls = caused.getOrDefault(s.service(), new TreeMap<>());
      long total = s.series().totalCalls();
      double m = whatIf.multiplier(total, entryCalls);
      double daily = s.series().meanDailyCalls();
      long busiest = s.series().maxBusiestMinute();
      SortedMap<EntryKey, Double> perRequest = new TreeMap<>();
      Map<EntryKey, Double> peakCalls = new TreeMap<>();
      entryCalls.forEach((e, c) -> {
        long r = requests.getOrDefault(e, 0L);
        if (r > 0) {
          perRequest.put(e, c / (double) r);
          peakCalls.put(e, peak.getOrDefault(e, 0L) * (c / (double) r));
        }
      });
      double projected = peaksKnown ? Math.max(0, busiest + whatIf.addedAtPeak(peakCalls)) : busiest * m;
      out.add(new Projection(s.service(), total, entryCalls, m, daily, daily * m, busiest, projected,
          s.busiestSource(), peaksKnown ? COINCIDING_PEAKS : SHARE_OF_CALLS, perRequest, projected - busiest));
    }
    return out;
  }

  private static <K> void add(Map<K, TreeMap<LocalDate, Long>> map, K key, LocalDate day, long v) {
    map.computeIfAbsent(key, k -> new TreeMap<>()).merge(day, v, Long::sum);
  }

  /** The values on every day with tables, 0 where the series had no row. */
  private static Series series(CapacityInput input, Map<LocalDate, Long> calls, Map<LocalDate, Long> busiest) {
    SortedMap<LocalDate, Long> c = new TreeMap<>();
    SortedMap<LocalDate, Long> b = new TreeMap<>();
    for (LocalDate d : input.days()) {
      c.put(d, calls.getOrDefault(d, 0L));
      b.put(d, busiest.getOrDefault(d, 0L));
    }
    return new Series(c, b);
  }

  private static SeriesForecast forecast(CapacityInput input, SortedMap<LocalDate, Long> values, double horizonDay) {
    SortedMap<Integer, Long> byDay = new TreeMap<>();
    values.forEach((d, v) -> byDay.put(day(input, d), v));
    return SeriesForecast.of(byDay, horizonDay);
  }

  private static int day(CapacityInput input, LocalDate d) {
    return (int) (d.toEpochDay() - input.from().toEpochDay());
  }

  private static Double p99(LatencySketch sketch) {
    return sketch.isEmpty() ? null : sketch.quantileNanos(0.99) / 1000.0;
  }
}
