package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.tables.AnalysisTables;
import io.tracegraph.jobs.tables.TableCatalog;
import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.TrafficScenarios;
import io.tracegraph.reports.Json;
import io.tracegraph.tools.generate.GenerateJob;
import io.tracegraph.tools.generate.GeneratorOptions;
import io.tracegraph.tools.generate.GeneratorSchemas;
import io.tracegraph.tools.generate.ImperfectionMode;
import io.tracegraph.tools.generate.Perturbations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The map must be true (issue 17), through Parquet, Spark and the outputs, on generated days with every realistic
 * imperfection (lost spans, rows without a service name, duplicates, respellings, skew, broken propagation, traces
 * crossing midnight): the graph draws no call the generated world did not make, names no service the data did not
 * name, counts what it leaves out, and its two views, {@code dependency_links} and {@code edges}, agree as
 * {@code docs/tables.md} says. Also the demo's second day and databases through the span archive.
 */
class TrueMapTest extends SparkTestBase {
  static final LocalDate DAY = LocalDate.of(2026, 5, 4);
  /**
   * Several worlds, small days: each seed is generated over three days and the middle one analysed, so that traces
   * cross both of its midnights (a trace crossing in from an ungenerated day would be a tail without its root).
   */
  static final long[] SEEDS = {3, 17, 42};
  static final long SPANS_PER_DAY = 12_000;
  static final StageLog QUIET = StageLog.quiet("test");

  @TempDir static Path tmp;
  static final List<Day> days = new ArrayList<>();

  /** One analysed day of one seed. */
  record Day(long seed, Path spans, Path out, DependencyGraphJob.Result result) {
    JsonNode run() throws Exception {
      return Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    }

    List<Row> table(String name) {
      return NightlyRunner.table(spark(), out, name, DAY);
    }
  }

  @BeforeAll
  static void generateAndAnalyse() {
    for (long seed : SEEDS) {
      Path spans = tmp.resolve("spans-" + seed);
      Path out = tmp.resolve("out-" + seed);
      new GenerateJob(options(spans, DAY.minusDays(1), 3, SPANS_PER_DAY, seed)).run(spark(), QUIET);
      days.add(new Day(seed, spans, out, NightlyRunner.run(spark(), spans, out, DAY)));
    }
  }

  /** Realistic imperfections, on two local partitions. */
  static GeneratorOptions options(Path spans, LocalDate first, int days, long spansTotal, long seed) {
    return GeneratorOptions.builder(spans.toString(), first).days(days).spans(spansTotal).seed(seed)
        .imperfections(ImperfectionMode.REALISTIC).master("local[2]").partitions(2).build();
  }

  /** The generator's intended links of {@code day}: (parent, child) → {calls, errors}. */
  static Map<List<String>, long[]> intended(Path spans, LocalDate day) {
    Map<List<String>, long[]> links = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    for (Row r : spark().read().parquet(spans.resolve(GeneratorSchemas.EXPECTED_LINKS_DIR).toString())
        .where("date = '" + day + "'").collectAsList()) {
      links.put(List.of(r.getAs(GeneratorSchemas.PARENT), r.getAs(GeneratorSchemas.CHILD)),
          new long[] {r.<Long>getAs(GeneratorSchemas.CALL_COUNT), r.<Long>getAs(GeneratorSchemas.ERROR_COUNT)});
    }
    return links;
  }

  /**
   * Whatever the archive lost or spoilt, every link of the night is one the generated world made, with no more calls
   * or errors than it made: no phantom caller (an orphan is never called by the root it hangs under), no node for a
   * missing name, no call counted twice.
   */
  @Test
  void nightlyLinksAreASubsetOfTheIntendedOnes() throws Exception {
    for (Day d : days) {
      Map<List<String>, long[]> intended = intended(d.spans(), DAY);
      long intendedCalls = intended.values().stream().mapToLong(c -> c[0]).sum();
      long foundCalls = 0;
      assertSubsetOfIntended("seed " + d.seed(), d.result().links(), intended);
      for (DependencyLink l : d.result().links()) foundCalls += l.callCount();
      JsonNode quality = d.run().get("trace_quality");
      System.out.printf(Locale.ROOT, "seed %d: %d of %d intended links, %d of %d intended calls; calls with a lost "
              + "caller %d, calls without service %d, spans without service %d%n", d.seed(), d.result().links().size(),
          intended.size(), foundCalls, intendedCalls, quality.get("calls_with_lost_caller").asLong(),
          quality.get("calls_without_service").asLong(), quality.get("spans_without_service").asLong());
      assertTrue(d.result().links().size() >= intended.size() - 3, "seed " + d.seed() + ": the map is not empty either");
      assertTrue(foundCalls >= intendedCalls * 0.99, "seed " + d.seed() + ": few calls lost: " + foundCalls);
    }
  }

  static void assertSubsetOfIntended(String what, List<DependencyLink> links, Map<List<String>, long[]> intended) {
    for (DependencyLink l : links) {
      long[] i = intended.get(List.of(l.parent(), l.child()));
      assertNotNull(i, what + ": " + l + " is no call the generated world made");
      assertTrue(l.callCount() <= i[0], what + ": " + l + " has more calls than the " + i[0] + " made");
      assertTrue(l.errorCount() <= i[1], what + ": " + l + " has more errors than the " + i[1] + " made");
    }
  }

  /**
   * No table and no report names a service or peer the data did not name: the generator never writes "unknown",
   * and an empty name is none. Every column holding a service, caller, callee, parent, child or broker is checked,
   * lists and nested rows included, and so are dependencies.json and graph.json.
   */
  @Test
  void nothingNamesAServiceTheDataDidNotName() throws Exception {
    for (Day d : days) {
      int checked = 0;
      for (Map.Entry<String, StructType> table : TableCatalog.schemas().entrySet()) {
        for (Row row : d.table(table.getKey())) checked += checkNames(table.getKey(), table.getValue(), row);
      }
      assertTrue(checked > 1000, "names checked: " + checked);
      for (DependencyLink l : NightlyRunner.jsonLinks(d.out(), DAY)) {
        assertNamed("dependencies.json", l.parent());
        assertNamed("dependencies.json", l.child());
      }
      JsonNode graph = Json.mapper().readTree(NightlyRunner.report(d.out(), DAY, OutputLayout.GRAPH_JSON).toFile());
      graph.get("nodes").forEach(n -> assertNamed("graph.json", n.get("id").asText()));
      assertEquals(0, graph.get("summary").get("unknown").asLong());
    }
  }

  private static int checkNames(String table, StructType schema, Row row) {
    int checked = 0;
    for (StructField f : schema.fields()) {
      Object value = row.get(row.fieldIndex(f.name()));
      if (value == null) continue;
      if (f.dataType().equals(DataTypes.StringType) && f.name().matches(".*(service|caller|callee|parent|child|broker)")) {
        assertNamed(table + "." + f.name(), (String) value);
        checked++;
      } else if (f.dataType() instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)
          && f.name().matches("callers|callees")) {
        for (Object v : row.getList(row.fieldIndex(f.name()))) {
          assertNamed(table + "." + f.name(), (String) v);
          checked++;
        }
      } else if (f.dataType() instanceof ArrayType a && a.elementType() instanceof StructType element) {
        for (Object v : row.getList(row.fieldIndex(f.name()))) checked += checkNames(table + "." + f.name(), element, (Row) v);
      }
    }
    return checked;
  }

  private static void assertNamed(String where, String name) {
    assertFalse(name.isEmpty() || name.equalsIgnoreCase("unknown"), where + ": '" + name + "'");
  }

  /**
   * What the graph leaves out is counted, so nothing disappears silently: calls whose caller was lost with a span,
   * calls with a nameless side and spans without a service name, per pair in trace_quality and in total in run.json
   * and the report's run record; the nameless spans are exactly the generated rows without a service name.
   */
  @Test
  void whatTheMapLeavesOutIsCounted() throws Exception {
    long lostCallers = 0;
    for (Day d : days) {
      JsonNode quality = d.run().get("trace_quality");
      for (String measure : List.of("calls_with_lost_caller", "calls_without_service", "spans_without_service")) {
        long sum = d.table(AnalysisTables.TRACE_QUALITY.name()).stream().mapToLong(r -> r.<Long>getAs(measure)).sum();
        assertEquals(quality.get(measure).asLong(), sum, "seed " + d.seed() + ": " + measure);
      }
      for (Row r : d.table(AnalysisTables.TRACE_QUALITY.name())) {
        if (r.<Long>getAs("calls_with_lost_caller") > 0) assertTrue(r.isNullAt(0), "the caller is unknown: " + r);
      }
      lostCallers += quality.get("calls_with_lost_caller").asLong();
      long byCallee = 0;
      for (JsonNode n : quality.get("calls_with_lost_caller_by_callee")) byCallee += n.asLong();
      long intoNameless = d.table(AnalysisTables.TRACE_QUALITY.name()).stream().filter(r -> r.isNullAt(1))
          .mapToLong(r -> r.<Long>getAs("calls_with_lost_caller")).sum();
      assertEquals(quality.get("calls_with_lost_caller").asLong(), byCallee + intoNameless, "per callee in run.json");
      assertTrue(quality.get("spans_without_service").asLong() > 0, "seed " + d.seed());
      assertTrue(quality.get("spans_without_service").asLong() <= d.run().get("repairs").get("service_missing").asLong(),
          "spans of the day's traces among the rows read without a name (the window reads into the next day)");
      String html = Files.readString(NightlyRunner.report(d.out(), DAY, OutputLayout.INDEX_HTML));
      for (String[] shown : new String[][] {{"calls with a lost caller (not drawn)", "calls_with_lost_caller"},
          {"calls without a service name (not drawn)", "calls_without_service"},
          {"spans without a service name", "spans_without_service"}}) {
        String row = "<tr><td>" + shown[0] + "</td><td class=\"n\">"
            + String.format(Locale.ROOT, "%,d", quality.get(shown[1]).asLong()) + "</td></tr>";
        assertTrue(html.contains(row), "the run record shows " + row);
      }
    }
    assertTrue(lostCallers > 0, "lost spans leave calls whose caller is lost: " + lostCallers);
  }

  /**
   * {@code docs/tables.md}, "Edges and dependency_links": read each edge as the link it is a call of, and the calls
   * and errors of a link's edges add up to the link's, except a producer's link to its broker, which also counts
   * the messages consumers recorded.
   */
  @Test
  void edgesAddUpToTheLinksAsDocumented() {
    for (Day d : days) {
      Map<List<String>, long[]> fromEdges = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
      Set<String> brokers = new TreeSet<>();
      for (Row e : d.table(TrafficTables.EDGES)) {
        String caller = e.getAs("caller");
        String callee = e.getAs("callee");
        String broker = e.getAs("broker");
        if (broker != null) brokers.add(broker);
        List<String> link;
        if (!e.getAs("connection_type").equals("messaging") || e.<Long>getAs("server_count") == 0) {
          link = List.of(caller, callee);
        } else if (broker != null) {
          link = List.of(broker, callee);
        } else if (e.<Long>getAs("client_count") == 0) {
          link = List.of(caller, callee);
        } else {
          continue; // producer and consumer both name no broker: no link
        }
        long[] c = fromEdges.computeIfAbsent(link, k -> new long[2]);
        c[0] += e.<Long>getAs("calls");
        c[1] += e.<Long>getAs("errors");
      }
      assertFalse(brokers.isEmpty(), "the generated shop publishes messages");
      for (DependencyLink l : d.result().links()) {
        long[] c = fromEdges.remove(List.of(l.parent(), l.child()));
        String what = "seed " + d.seed() + ": " + l + " from edges " + (c == null ? "none" : c[0] + "/" + c[1]);
        if (brokers.contains(l.child())) {
          assertTrue(c == null || (c[0] <= l.callCount() && c[1] <= l.errorCount()), what);
        } else {
          assertNotNull(c, what);
          assertEquals(l.callCount() + "/" + l.errorCount(), c[0] + "/" + c[1], what);
        }
      }
      assertEquals(Map.of(), fromEdges, "seed " + d.seed() + ": edges of no link");
    }
  }

  /**
   * The demo's two days ({@code scripts/demo}: seed 42, realistic, the second with feature-flags three times slower
   * and a new call payment → tax), smaller: the second day's diff lists payment → tax as the only new edge, and no
   * edge vanished. Before issue 17, edges the root "made" to orphans came and went from day to day.
   */
  @Test
  void theDemosSecondDayListsOnlyPaymentToTaxAsNew() throws Exception {
    LocalDate first = LocalDate.of(2026, 5, 10);
    LocalDate second = first.plusDays(1);
    Path spans = tmp.resolve("demo-spans");
    Path out = tmp.resolve("demo-out");
    long demoSpans = 60_000;
    new GenerateJob(options(spans, first, 1, demoSpans, 42)).run(spark(), QUIET);
    new GenerateJob(options(spans, second, 1, demoSpans, 42),
        Perturbations.parse(List.of("feature-flags=3"), List.of("payment=tax"))).run(spark(), QUIET);
    DependencyGraphJob.Result firstResult = NightlyRunner.run(spark(), spans, out, first);
    DependencyGraphJob.Result result = NightlyRunner.run(spark(), spans, out, second);
    assertSubsetOfIntended("demo " + first, firstResult.links(), intended(spans, first));
    assertSubsetOfIntended("demo " + second, result.links(), intended(spans, second));

    Set<List<String>> intendedNew = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    intendedNew.addAll(intended(spans, second).keySet());
    intendedNew.removeAll(intended(spans, first).keySet());
    assertEquals(Set.of(List.of("payment", "tax")), intendedNew, "the world changed by one call");

    JsonNode diff = Json.mapper().readTree(NightlyRunner.report(out, second, OutputLayout.DIFF_JSON).toFile());
    assertEquals(Set.of("payment -> tax"), edges(diff.get("new_edges")), diff.get("new_edges").toString());
    assertEquals(Set.of(), edges(diff.get("vanished_edges")), diff.get("vanished_edges").toString());
    System.out.printf(Locale.ROOT, "demo, second day: %d links (intended %d); new edges %s%n",
        result.links().size(), intended(spans, second).size(), edges(diff.get("new_edges")));
  }

  private static Set<String> edges(JsonNode list) {
    Set<String> set = new TreeSet<>();
    list.forEach(e -> set.add(e.get("parent").asText() + " -> " + e.get("child").asText()));
    return set;
  }

  /**
   * A Redis, a PostgreSQL with two namespaces and a MongoDB client through the span archive (attributes as
   * instrumentation writes them): nodes redis, postgresql, mongodb, the namespaces as the database edges'
   * destinations. ClickHouseSourceTest and TempoSourceTest check the same for the other sources.
   */
  @Test
  void databasesThroughTheArchive() throws Exception {
    Path spans = tmp.resolve("db-spans");
    Path out = tmp.resolve("db-out");
    ArchiveFixtures.write(spark(), spans, List.of(TrafficScenarios.databases()));
    LocalDate day = ArchiveFixtures.dayOf(TrafficScenarios.databases().get(0).startNanos());
    DatabaseEdges.assertWritten(spark(), out, day, NightlyRunner.run(spark(), spans, out, day));
  }
}
