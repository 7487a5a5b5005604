package io.tracegraph.reports.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.model.LatencySketch;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.OutputsReadBack;
import io.tracegraph.reports.capacity.CapacityInput.Downstream;
import io.tracegraph.reports.capacity.CapacityInput.EdgeDay;
import io.tracegraph.reports.capacity.CapacityInput.EdgeKey;
import io.tracegraph.reports.capacity.CapacityInput.EntryDay;
import io.tracegraph.reports.capacity.CapacityInput.EntryKey;
import io.tracegraph.reports.capacity.CapacityInput.ServiceDay;
import io.tracegraph.reports.capacity.CapacityReport.Projection;
import io.tracegraph.reports.capacity.CapacityReport.ServiceCapacity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A small world over ten days whose traffic follows formulas: {@code lb → web} carries {@code 1000·1.05^d} calls
 * ({@code GET /}, growing 5% a day) plus a steady 500 ({@code POST /buy}); {@code web → db} carries two calls per
 * {@code GET /} request; {@code web → pay} one per {@code POST /buy}; and web serves 100 requests a day more than
 * its incoming edge carries (health checks from no known caller: SERVER spans without an edge). Calls are rounded to
 * whole numbers, so the fits are checked against the formula's rate within the rounding's effect, and sums and
 * multiplicities exactly.
 */
class CapacityReportTest {
  static final LocalDate FROM = LocalDate.parse("2026-11-01");
  static final int DAYS = 10;
  static final EntryKey HOME = new EntryKey("web", "GET /");
  static final EntryKey BUY = new EntryKey("web", "POST /buy");
  static final String HOSTILE = "<img src=x onerror=alert(1)>";

  static long home(int d) {
    return Math.round(1000 * Math.pow(1.05, d));
  }

  /** All days written before tables v2: no busiest minute of services and entry points. */
  static CapacityInput input() {
    return input(DAYS);
  }

  /**
   * The first {@code v1Days} days without, the others with, the tables v2 busiest minutes: web's own busiest minute
   * of served requests {@code 30 + d}; GET / {@code home(d) / 100} requests; POST /buy 5.
   */
  static CapacityInput input(int v1Days) {
    List<LocalDate> days = new ArrayList<>();
    List<EdgeDay> edges = new ArrayList<>();
    List<ServiceDay> services = new ArrayList<>();
    List<EntryDay> entries = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      LocalDate day = FROM.plusDays(d);
      days.add(day);
      long home = home(d);
      long buy = 500;
      edges.add(edge("lb", "web", day, home + buy, (home + buy) / 100, 1_000_000));
      edges.add(edge("web", "db", day, 2 * home, 2 * home / 100, 0));
      edges.add(edge("web", "pay", day, buy, 8, 0));
      edges.add(edge("web", HOSTILE, day, 10, 1, 0));
      boolean v2 = d >= v1Days;
      services.add(new ServiceDay("web", day, home + buy + 100, sketch(2_000_000), v2 ? 30L + d : null));
      entries.add(new EntryDay(HOME, day, home, List.of(new Downstream("db", 2 * home)), v2 ? home / 100 : null));
      entries.add(new EntryDay(BUY, day, buy, List.of(new Downstream("pay", buy)), v2 ? 5L : null));
    }
    return new CapacityInput(FROM, FROM.plusDays(DAYS - 1), days, edges, services, entries);
  }

  static EdgeDay edge(String caller, String callee, LocalDate day, long calls, long busiest, long serverNanos) {
    return new EdgeDay(new EdgeKey(caller, callee, "rpc", null, null), day, calls, busiest,
        serverNanos == 0 ? new LatencySketch() : sketch(serverNanos), sketch(3_000));
  }

  static LatencySketch sketch(long nanos) {
    return new LatencySketch().add(nanos);
  }

  static ServiceCapacity service(CapacityReport r, String name) {
    return r.services().stream().filter(s -> s.service().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void servicesSumTheirIncomingEdges() {
    CapacityReport r = CapacityReport.build(input(), 7, new WhatIf(Map.of()));
    assertEquals(List.of(HOSTILE, "db", "pay", "web"), r.services().stream().map(ServiceCapacity::service).toList());
    ServiceCapacity web = service(r, "web");
    assertTrue(web.instrumented());
    assertFalse(service(r, "db").instrumented());
    long total = 0;
    for (int d = 0; d < DAYS; d++) total += home(d) + 500 + 100;
    assertEquals(total, web.series().totalCalls(), "SERVER spans outnumber the incoming calls: they count");
    // Day 9: home(9) = round(1000·1.05⁹) = 1551; the edge's busiest minute 2051/100 = 20, scaled by 2151/2051 to
    // 20.975, rounded 21.
    assertEquals(1551, home(9));
    assertEquals(21, web.series().maxBusiestMinute());
    assertEquals(2000.0, web.p99Micros(), 0);
    assertEquals(3.0, service(r, "db").p99Micros(), 0, "a peer's p99 is its callers' client side");
    assertEquals("client", r.edges().stream().filter(e -> e.key().callee().equals("db")).findFirst().orElseThrow()
        .p99Side());
    assertEquals(LocalDate.parse("2026-11-17"), r.horizonDate());
  }

  /** db grows exactly as GET / does; pay is flat; web grows in between. The ranking follows. */
  @Test
  void growthAndRanking() {
    CapacityReport r = CapacityReport.build(input(), 7, new WhatIf(Map.of()));
    GrowthFit db = service(r, "db").calls().fit();
    assertEquals(0.05, db.growthPerDay().estimate(), 1e-4);
    assertTrue(db.growthPerWeek().contains(Math.pow(1.05, 7) - 1));
    assertTrue(db.rSquared() > 0.9999);
    assertEquals(ForecastVerdict.OK, service(r, "db").calls().verdict());
    double expected = 2 * 1000 * Math.pow(1.05, 16); // day 16 = the last day (9) + 7; rounding moves it < 0.1%
    assertEquals(expected, service(r, "db").calls().forecast().estimate(), expected * 1e-3);
    GrowthFit pay = service(r, "pay").calls().fit();
    assertEquals(0, pay.slopePerDay(), 1e-12);
    assertEquals(List.of("db", "web", HOSTILE, "pay"),
        r.ranking().stream().map(ServiceCapacity::service).toList());
    // The busiest minute of pay is 8 every day: flat and forecast exactly.
    assertEquals(8.0, service(r, "pay").busiest().forecast().estimate(), 1e-9);
  }

  /** Doubling GET /: db (all its calls from GET /) doubles, pay is unchanged, and web is not downstream of itself. */
  @Test
  void whatIfPropagatesThroughEntryPoints() {
    CapacityReport r = CapacityReport.build(input(), 7, new WhatIf(Map.of(HOME, 2.0)));
    Projection db = r.projections().stream().filter(p -> p.service().equals("db")).findFirst().orElseThrow();
    assertEquals(2.0, db.multiplier(), 1e-12);
    assertEquals(2.0 * db.observedBusiestMinute(), db.projectedBusiestMinute(), 1e-9);
    Projection pay = r.projections().stream().filter(p -> p.service().equals("pay")).findFirst().orElseThrow();
    assertEquals(1.0, pay.multiplier(), 0);
    // web itself: its GET / requests (root spans, not in downstream) double, out of all its requests.
    Projection web = r.projections().stream().filter(p -> p.service().equals("web")).findFirst().orElseThrow();
    long home = 0;
    long all = 0;
    for (int d = 0; d < DAYS; d++) {
      home += home(d);
      all += home(d) + 500 + 100;
    }
    assertEquals(Map.of(HOME, home), web.entryCalls());
    assertEquals(1 + home / (double) all, web.multiplier(), 1e-12);
    assertEquals(8, pay.observedBusiestMinute());
  }

  /** Before tables v2 the busiest minute is multiplied like the calls, and says so. */
  @Test
  void whatIfWithoutEntryPeaksFallsBackToTheShareOfCalls() {
    CapacityReport r = CapacityReport.build(input(), 7, new WhatIf(Map.of(HOME, 2.0)));
    for (Projection p : r.projections()) {
      assertEquals(CapacityReport.SHARE_OF_CALLS, p.method(), p.service());
      assertEquals(CapacityReport.EDGE_SUM, p.busiestSource(), p.service());
      assertEquals(p.observedBusiestMinute() * p.multiplier(), p.projectedBusiestMinute(), 1e-9, p.service());
    }
    // One day without tables v2 is enough: GET /'s busiest minute over the range is not known.
    CapacityReport mixed = CapacityReport.build(input(1), 7, new WhatIf(Map.of(HOME, 2.0)));
    assertEquals(CapacityReport.SHARE_OF_CALLS, projection(mixed, "db").method());
    assertEquals(CapacityReport.MIXED, service(mixed, "web").busiestSource());
    assertEquals(39, service(mixed, "web").series().maxBusiestMinute(), "its own on days 1-9: 30 + 9");
  }

  /**
   * Tables v2: a service's own busiest minute, and the scaled entry points' peaks added at it. GET /'s busiest
   * minute is home(9) / 100 = 1551 / 100 = 15 requests; it makes exactly 2 db calls per request and is 1 request
   * of web; POST /buy peaks at 5 requests, 1 pay call each. web's own busiest minute is 30 + 9 = 39; db and pay,
   * uninstrumented, keep the edge sum: 2·1551/100 = 31 and 8.
   */
  @Test
  void whatIfAddsTheEntryPeaksAtTheServicesBusiestMinute() {
    CapacityReport r = CapacityReport.build(input(0), 7, new WhatIf(Map.of(HOME, 2.0)));
    assertEquals(CapacityReport.SERVED_REQUESTS, service(r, "web").busiestSource());
    assertEquals(CapacityReport.EDGE_SUM, service(r, "db").busiestSource());
    Projection db = projection(r, "db");
    assertEquals(CapacityReport.COINCIDING_PEAKS, db.method());
    assertEquals(Map.of(HOME, 2.0), db.callsPerRequest());
    assertEquals(31, db.observedBusiestMinute());
    assertEquals(31 + 15 * 2, db.projectedBusiestMinute(), 1e-9);
    assertEquals(30, db.addedBusiestMinute(), 1e-9);
    assertEquals(2.0, db.multiplier(), 1e-12, "the daily calls still double");
    Projection web = projection(r, "web");
    assertEquals(Map.of(HOME, 1.0), web.callsPerRequest());
    assertEquals(39, web.observedBusiestMinute());
    assertEquals(39 + 15, web.projectedBusiestMinute(), 1e-9);
    assertEquals(8, projection(r, "pay").projectedBusiestMinute(), 0);

    // Doubling GET / and halving POST /buy: web 39 + 15 − 0.5·5 = 51.5, pay 8 − 0.5·5 = 5.5; removing POST /buy
    // entirely takes its whole peak off (never below 0).
    CapacityReport both = CapacityReport.build(input(0), 7, new WhatIf(Map.of(HOME, 2.0, BUY, 0.5)));
    assertEquals(51.5, projection(both, "web").projectedBusiestMinute(), 1e-9);
    assertEquals(5.5, projection(both, "pay").projectedBusiestMinute(), 1e-9);
    assertEquals(3.0, projection(CapacityReport.build(input(0), 7, new WhatIf(Map.of(BUY, 0.0))), "pay")
        .projectedBusiestMinute(), 1e-9);

    String csv = CapacityCsv.whatIf(r);
    assertTrue(csv.startsWith("service,range_calls,calls_caused_by_scaled,multiplier,observed_daily_calls,"
        + "projected_daily_calls,observed_busiest_minute_calls,projected_busiest_minute_calls,busiest_minute_source,"
        + "projection_method,added_busiest_minute_calls\n"), csv);
    assertTrue(csv.contains(",31,61,edge_sum,coinciding_peaks,30\n"), csv);
    assertTrue(CapacityCsv.services(r).contains(",served_requests\n"), CapacityCsv.services(r));
    String html = CapacityHtml.render(r);
    assertTrue(html.contains("coinciding_peaks"), "the method is shown");
    assertTrue(html.contains(">31 <span class=\"muted\">edge_sum</span>"), "db's edge sum is flagged");
    assertFalse(html.contains("39 <span class=\"muted\">"), "web's own busiest minute is not");
  }

  static Projection projection(CapacityReport r, String service) {
    return r.projections().stream().filter(p -> p.service().equals(service)).findFirst().orElseThrow();
  }

  @Test
  void unknownEntryPointIsNamedWithTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CapacityReport.build(input(), 7,
        new WhatIf(Map.of(new EntryKey("web", "GET /nope"), 2.0))));
    assertTrue(e.getMessage().contains("web GET /nope"), e.getMessage());
    assertTrue(e.getMessage().contains("known: web GET /, web POST /buy"), e.getMessage());
  }

  /** Same input, same bytes; names escaped in HTML, quoted in CSV; JSON parses back with the numbers. */
  @Test
  void outputsAreDeterministicAndEscaped() throws Exception {
    CapacityReport a = CapacityReport.build(input(), 7, new WhatIf(Map.of(HOME, 2.0)));
    CapacityReport b = CapacityReport.build(input(), 7, new WhatIf(Map.of(HOME, 2.0)));
    assertEquals(CapacityJson.render(a), CapacityJson.render(b));
    assertEquals(CapacityHtml.render(a), CapacityHtml.render(b));
    assertEquals(CapacityCsv.services(a), CapacityCsv.services(b));
    String html = CapacityHtml.render(a);
    assertFalse(html.contains(HOSTILE));
    assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assertFalse(html.contains("<script"));
    JsonNode json = Json.mapper().readTree(CapacityJson.render(a));
    assertEquals(CapacityJson.FORMAT, json.get("format").asText());
    assertEquals("db", json.get("ranking").get(0).asText());
    JsonNode db = json.get("services").get(1);
    assertEquals("db", db.get("service").asText());
    assertEquals(1, db.get("growth_rank").asInt());
    assertEquals(0.05, db.get("calls").get("growth_per_day").asDouble(), 1e-4);
    assertEquals(2.0, json.get("what_if").get("services").get(1).get("multiplier").asDouble(), 0);
    assertTrue(json.get("services").get(0).get("calls").get("forecast").isNumber());
    String csv = CapacityCsv.edges(a);
    assertTrue(csv.startsWith("caller,callee,connection_type,broker,destination,days,total_calls,"), csv);
    assertEquals(1 + 4, csv.split("\n").length);
    List<List<String>> records = OutputsReadBack.csv(csv); // Commons CSV, RFC 4180
    assertTrue(records.stream().allMatch(r -> r.size() == records.get(0).size()), "no name shifted a column");
    assertTrue(records.stream().anyMatch(r -> r.get(1).equals(HOSTILE)), "the hostile callee reads back whole");
    String whatIf = CapacityCsv.whatIf(a);
    assertTrue(whatIf.contains("\ndb,"), whatIf);
  }

  @Test
  void shortRangeIsFlaggedNotForecast() {
    CapacityInput full = input();
    List<LocalDate> days = full.days().subList(0, 3);
    CapacityInput shortInput = new CapacityInput(FROM, FROM.plusDays(2), days,
        full.edges().stream().filter(e -> days.contains(e.day())).toList(), List.of(), List.of());
    CapacityReport r = CapacityReport.build(shortInput, 90, new WhatIf(Map.of()));
    assertEquals(ForecastVerdict.TOO_SHORT, service(r, "db").calls().verdict());
    assertNull(service(r, "db").calls().forecast());
    assertTrue(r.ranking().isEmpty());
    assertTrue(CapacityCsv.services(r).contains(",too_short,3,0,,,,,,,,,"), CapacityCsv.services(r));
  }
}
