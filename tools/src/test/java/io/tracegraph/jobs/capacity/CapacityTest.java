package io.tracegraph.jobs.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.TestDirs;
import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.capacity.CapacityInput.EntryKey;
import io.tracegraph.reports.capacity.CapacityReport.Projection;
import io.tracegraph.reports.capacity.CapacityReport.ServiceCapacity;
import io.tracegraph.reports.capacity.CapacityReport;
import io.tracegraph.reports.capacity.ForecastVerdict;
import io.tracegraph.reports.capacity.GrowthFit;
import io.tracegraph.tools.generate.GenerateJob;
import io.tracegraph.tools.generate.Growth;
import io.tracegraph.tools.generate.ImperfectionMode;
import io.tracegraph.tools.generate.TestGeneration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on generated days whose growth the test controls: eight clean days of the web shop in which
 * {@code frontend GET /search} grows by 5% a day, compounding ({@code generate --growth}), analysed by the nightly
 * job, then {@code tracegraph capacity} over the eight days. Services only that entry point reaches must show
 * ~5%/day (1.05⁷ − 1 ≈ +40.7%/week inside the 95% interval); services it never reaches, none (0 inside the
 * interval); the what-if doubling of that entry point must give the projections worked out here from the
 * {@code entry_points} and {@code edges} tables directly.
 */
class CapacityTest extends SparkTestBase {
  static final LocalDate D1 = LocalDate.of(2026, 3, 2);
  static final int DAYS = 8;
  static final LocalDate D8 = D1.plusDays(DAYS - 1);
  static final EntryKey SEARCH = new EntryKey("frontend", "GET /search");
  static final StageLog QUIET = StageLog.quiet("test");
  /** Normal traces per day: about 225 GET /search a day on the first day (15% of the mix). */
  static final int TRACES_PER_DAY = 1_500;

  @TempDir static Path tmp;
  static Path out;

  @BeforeAll
  static void eightAnalysedDays() {
    Path spans = tmp.resolve("spans");
    out = tmp.resolve("out");
    long spanCount = Math.round(TRACES_PER_DAY * GenerateJob.meanSpansPerTrace() * DAYS);
    TestGeneration.generate(spark(), TestGeneration.options(spans, D1).days(DAYS).spans(spanCount).seed(11)
        .imperfections(ImperfectionMode.NONE)
        .growth(Growth.parse("frontend GET /search=5%")));
    for (LocalDate d = D1; !d.isAfter(D8); d = d.plusDays(1)) {
      new DependencyGraphJob(NightlyOptions.of(spans.toString(), out.toString(), d)).run(spark());
    }
  }

  static CapacityJob.Result run(int horizonDays, Map<EntryKey, Double> scale) {
    return new CapacityJob(new CapacityOptions(out.toString(), D1, D8, horizonDays, scale)).run(spark(), QUIET);
  }

  /** Per callee, the entry points whose requests called it over the range, read from entry_points directly. */
  static Map<String, Set<String>> callersByEntry() {
    Map<String, Set<String>> m = new TreeMap<>();
    for (Row r : spark().read().parquet(out.resolve("tables/entry_points").toString())
        .selectExpr("concat(service, ' ', operation) AS entry", "explode(downstream) AS d")
        .selectExpr("entry", "d.callee").collectAsList()) {
      m.computeIfAbsent(r.getString(1), k -> new TreeSet<>()).add(r.getString(0));
    }
    return m;
  }

  static ServiceCapacity service(CapacityReport r, String name) {
    return r.services().stream().filter(s -> s.service().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void growthIsFoundWhereItWasInjectedAndNowhereElse() {
    CapacityReport r = run(7, Map.of()).report();
    assertEquals(DAYS, r.days().size());
    Map<String, Set<String>> entries = callersByEntry();
    double weekly = Math.pow(1.05, 7) - 1;
    int grown = 0;
    int flat = 0;
    for (ServiceCapacity s : r.services()) {
      Set<String> from = entries.get(s.service());
      if (from == null || s.series().totalCalls() < 50 * DAYS) continue; // not downstream of any entry, or too few
      GrowthFit fit = s.calls().fit();
      assertNotNull(fit, s.service());
      if (from.equals(Set.of(SEARCH.label()))) {
        grown++;
        assertTrue(fit.growthPerWeek().contains(weekly), s.service() + ": " + fit.growthPerWeek());
        assertTrue(fit.growthPerWeek().low() > 0, s.service() + " grows significantly: " + fit.growthPerWeek());
        assertEquals(0.05, fit.growthPerDay().estimate(), 0.02, s.service());
      } else if (!from.contains(SEARCH.label())) {
        flat++;
        assertTrue(fit.growthPerWeek().contains(0), s.service() + ": " + fit.growthPerWeek());
      }
    }
    assertTrue(grown >= 2, "services only GET /search reaches (search, elasticsearch): " + grown);
    assertTrue(flat >= 10, "services GET /search never reaches: " + flat);
    // The two exclusive ones lead the ranking.
    assertEquals(Set.of("search", "elasticsearch"),
        Set.copyOf(r.ranking().subList(0, 2).stream().map(ServiceCapacity::service).toList()));
    assertEquals(ForecastVerdict.OK, service(r, "search").calls().verdict());
  }

  /**
   * Doubling GET /search, recomputed here from the tables with SQL: a service's observed busiest minute is the
   * largest of its days' own ({@code services.busiest_minute_calls}), or for an uninstrumented peer the largest
   * daily sum of its incoming edges' busiest minutes; the projection adds (2 − 1) × GET /search's largest busiest
   * minute of requests × its calls per request into the service (downstream calls / requests over the range, plus
   * 1 for frontend, whose requests they are). The daily-calls multiplier is 1 + min(1, calls caused / all calls),
   * a service's calls of a day being the larger of its incoming edges' calls and its SERVER spans.
   */
  @Test
  void whatIfMatchesTheEntryPointsTable() {
    CapacityReport r = run(7, Map.of(SEARCH, 2.0)).report();
    String entries = out.resolve("tables/entry_points").toString();
    Map<String, Long> caused = new TreeMap<>();
    for (Row row : spark().read().parquet(entries).where("service = 'frontend' AND operation = 'GET /search'")
        .selectExpr("explode(downstream) AS d").groupBy("d.callee").agg(functions.sum("d.calls"))
        .collectAsList()) {
      caused.put(row.getString(0), row.getLong(1));
    }
    Row search = spark().read().parquet(entries).where("service = 'frontend' AND operation = 'GET /search'")
        .agg(functions.sum("requests"), functions.max("busiest_minute_calls"), functions.count("*"),
            functions.count("busiest_minute_calls")).first();
    long requests = search.getLong(0);
    long peak = search.getLong(1);
    assertEquals(search.getLong(2), search.getLong(3), "every day has the entry point's busiest minute (v2)");
    caused.merge("frontend", requests, Long::sum);
    // Per (service, day): incoming edges' calls and busiest minutes, and SERVER spans.
    Map<List<String>, long[]> perDay = new TreeMap<>(java.util.Comparator.comparing((List<String> k) -> k.get(0))
        .thenComparing(k -> k.get(1)));
    for (Row row : spark().read().parquet(out.resolve("tables/edges").toString())
        .groupBy("callee", "date").agg(functions.sum("calls"), functions.sum("busiest_minute_calls"))
        .collectAsList()) {
      long[] v = perDay.computeIfAbsent(List.of(row.getString(0), row.get(1).toString()), k -> new long[3]);
      v[0] = row.getLong(2);
      v[1] = row.getLong(3);
    }
    Map<String, Long> busiest = new TreeMap<>();
    for (Row row : spark().read().parquet(out.resolve("tables/services").toString())
        .select("service", "date", "server_requests", "busiest_minute_calls").collectAsList()) {
      perDay.computeIfAbsent(List.of(row.getString(0), row.get(1).toString()), k -> new long[3])[2] = row.getLong(2);
      busiest.merge(row.getString(0), row.getLong(3), Math::max);
    }
    Set<String> instrumented = Set.copyOf(busiest.keySet());
    Map<String, Long> calls = new TreeMap<>();
    perDay.forEach((k, v) -> {
      calls.merge(k.get(0), Math.max(v[0], v[2]), Long::sum);
      if (!instrumented.contains(k.get(0))) busiest.merge(k.get(0), v[1], Math::max);
    });
    assertEquals(calls.keySet(), Set.copyOf(r.projections().stream().map(Projection::service).toList()));
    for (Projection p : r.projections()) {
      String s = p.service();
      double perRequest = caused.getOrDefault(s, 0L) / (double) requests;
      assertEquals(calls.get(s), p.rangeCalls(), s);
      assertEquals(busiest.get(s), p.observedBusiestMinute(), s);
      assertEquals(busiest.get(s) + peak * perRequest, p.projectedBusiestMinute(), 1e-9, s);
      assertEquals(CapacityReport.COINCIDING_PEAKS, p.method(), s);
      assertEquals(instrumented.contains(s) ? CapacityReport.SERVED_REQUESTS : CapacityReport.EDGE_SUM,
          p.busiestSource(), s);
      assertEquals(1 + Math.min(1.0, caused.getOrDefault(s, 0L) / (double) calls.get(s)), p.multiplier(), 1e-12, s);
    }
    assertEquals(2.0, projection(r, "search").multiplier(), 1e-12, "every call into search comes from GET /search");
    assertEquals(1.0, projection(r, "payment").multiplier(), 0, "search never reaches payment");
    assertEquals(projection(r, "payment").observedBusiestMinute(), projection(r, "payment").projectedBusiestMinute(),
        0, "nothing added where GET /search never goes");
    assertTrue(projection(r, "frontend").multiplier() > 1.1, "GET /search is ~15% of frontend's requests");
    assertTrue(peak > 0 && projection(r, "frontend").addedBusiestMinute() >= peak, "at least its own requests");
  }

  /**
   * Output roots written partly or wholly before tables v2 (services and entry_points without their busiest
   * minutes, simulated by rewriting days without those columns): the report still runs, falls back to the edge
   * sums and the share of calls, and says so per service.
   */
  @Test
  void daysWrittenBeforeTablesV2FallBackAndSaySo() throws Exception {
    Path mixed = tmp.resolve("mixed");
    Path old = tmp.resolve("all-v1");
    for (Path root : List.of(mixed, old)) { // tables and reports (run.json: the days are committed)
      TestDirs.copy(out.resolve("tables"), root.resolve("tables"));
      TestDirs.copy(out.resolve("reports"), root.resolve("reports"));
    }
    stripV2Columns(mixed, List.of(D1));
    List<LocalDate> all = new java.util.ArrayList<>();
    for (LocalDate d = D1; !d.isAfter(D8); d = d.plusDays(1)) all.add(d);
    stripV2Columns(old, all);

    CapacityReport partly = new CapacityJob(new CapacityOptions(mixed.toString(), D1, D8, 7, Map.of(SEARCH, 2.0)))
        .run(spark(), QUIET).report();
    CapacityReport full = run(7, Map.of(SEARCH, 2.0)).report();
    assertEquals(CapacityReport.MIXED, service(partly, "search").busiestSource());
    assertEquals(CapacityReport.SERVED_REQUESTS, service(full, "search").busiestSource());
    for (Projection p : partly.projections()) {
      assertEquals(CapacityReport.SHARE_OF_CALLS, p.method(), p.service());
      assertEquals(p.observedBusiestMinute() * p.multiplier(), p.projectedBusiestMinute(), 1e-9, p.service());
      assertEquals(projection(full, p.service()).multiplier(), p.multiplier(), 1e-12, "daily calls unchanged");
    }

    CapacityReport v1 = new CapacityJob(new CapacityOptions(old.toString(), D1, D8, 7, Map.of(SEARCH, 2.0)))
        .run(spark(), QUIET).report();
    for (ServiceCapacity s : v1.services()) assertEquals(CapacityReport.EDGE_SUM, s.busiestSource(), s.service());
    assertEquals(CapacityReport.SHARE_OF_CALLS, projection(v1, "search").method());
    assertTrue(Files.readString(old.resolve("reports/capacity-" + D8 + "/whatif.csv"))
        .contains(",edge_sum,share_of_calls,"), "flagged in the CSV");
  }

  /** Rewrites the services and entry_points partitions of {@code days} without the tables v2 columns. */
  private static void stripV2Columns(Path root, List<LocalDate> days) throws java.io.IOException {
    for (String table : List.of("services", "entry_points")) {
      for (LocalDate d : days) {
        Path day = root.resolve("tables/" + table + "/date=" + d);
        Path v1 = root.resolve("v1-" + table + "-" + d);
        spark().read().parquet(day.toString()).drop("calls_per_hour", "busiest_minute", "busiest_minute_calls")
            .coalesce(1).write().parquet(v1.toString());
        try (var files = Files.walk(day)) {
          for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
        Files.move(v1, day);
      }
    }
  }

  static Projection projection(CapacityReport r, String service) {
    return r.projections().stream().filter(p -> p.service().equals(service)).findFirst().orElseThrow();
  }

  /** The files: all there, the same bytes on a second run (which replaces the first), whatif.csv only with --scale. */
  @Test
  void outputIsCompleteDeterministicAndReplaced() throws Exception {
    Path dir = out.resolve("reports/capacity-" + D8);
    run(90, Map.of(SEARCH, 2.0));
    Map<String, String> first = new TreeMap<>();
    for (String f : List.of("capacity.json", "services.csv", "edges.csv", "whatif.csv", "index.html")) {
      first.put(f, Files.readString(dir.resolve(f)));
    }
    run(90, Map.of(SEARCH, 2.0));
    for (var e : first.entrySet()) assertEquals(e.getValue(), Files.readString(dir.resolve(e.getKey())), e.getKey());
    JsonNode json = Json.mapper().readTree(first.get("capacity.json"));
    assertEquals(D8.plusDays(90).toString(), json.get("horizon_date").asText());
    assertEquals("frontend", json.get("what_if").get("factors").get(0).get("service").asText());
    assertEquals("GET /search", json.get("what_if").get("factors").get(0).get("operation").asText());
    assertEquals(2.0, json.get("what_if").get("factors").get(0).get("factor").asDouble(), 0);
    run(90, Map.of());
    assertFalse(Files.exists(dir.resolve("whatif.csv")), "re-running without --scale replaces the directory");
    assertFalse(Files.exists(out.resolve(".staging")), "no staging left");
    assertTrue(Files.readString(dir.resolve("index.html")).contains("Services by growth"));
    assertTrue(Files.readString(out.resolve("reports/index.html")).contains("href=\"capacity-" + D8 + "/index.html\""),
        "the list of reports links the capacity report");
  }

  @Test
  void clearErrors() {
    BadInputException unknown = assertThrows(BadInputException.class,
        () -> run(7, Map.of(new EntryKey("frontend", "POST /nope"), 2.0)));
    assertTrue(unknown.getMessage().contains("'frontend POST /nope'"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("'frontend GET /search'"), unknown.getMessage());

    BadInputException none = assertThrows(BadInputException.class, () -> new CapacityJob(new CapacityOptions(
        out.toString(), D8.plusDays(10), D8.plusDays(20), 7, Map.of())).run(spark(), QUIET));
    assertTrue(none.getMessage().contains("no traffic tables for"), none.getMessage());

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(TracegraphCli.USAGE, TracegraphCli.run("capacity", "--out", out.toString(), "--from", D1.toString(),
          "--to", D8.toString(), "--scale", "frontend GET /search=lots"));
      assertEquals(TracegraphCli.USAGE, TracegraphCli.run("capacity", "--out", out.toString(), "--from", D1.toString(),
          "--to", D8.toString(), "--horizon", "36h"));
    } finally {
      System.setErr(saved);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("factor 'lots' is not a number"), text);
    assertTrue(text.contains("whole number of days"), text);
  }
}
