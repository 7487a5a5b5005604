package io.tracegraph.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.archive.SpanArchiveSchema;
import io.tracegraph.model.DependencyLink;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.reports.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tracegraph generate} through Spark and Parquet: what a reader of the archive sees must match what the
 * generator says it injected. Two archives are generated once for the class (two clean days, two realistic days);
 * the determinism and replay tests generate their own.
 */
class GenerateJobTest extends SparkTestBase {
  static final LocalDate DAY1 = LocalDate.of(2026, 1, 5);
  static final LocalDate DAY2 = DAY1.plusDays(1);

  @TempDir static Path shared;
  static Path clean;
  static Path realistic;
  static List<Row> cleanRows;
  static List<Row> realisticRows;

  @TempDir Path tmp;

  @BeforeAll
  static void generateArchives() {
    clean = shared.resolve("clean");
    realistic = shared.resolve("realistic");
    generate(clean, DAY1, 2, 12_000, 42, ImperfectionMode.NONE, 2);
    generate(realistic, DAY1, 2, 30_000, 42, ImperfectionMode.REALISTIC, 3);
    cleanRows = rows(clean);
    realisticRows = rows(realistic);
  }

  static Map<String, Object> generate(Path root, LocalDate first, int days, long spans, long seed,
                                      ImperfectionMode mode, int partitions) {
    GeneratorOptions options = GeneratorOptions.builder(root.toString(), first).days(days).spans(spans).seed(seed)
        .imperfections(mode).master("local[2]").partitions(partitions).build();
    return new GenerateJob(options).run(spark(), new StageLog("generate-test"));
  }

  static List<Row> rows(Path root) {
    return spark().read().schema(ArchiveFixtures.WITH_DATE).parquet(root.toString()).collectAsList();
  }

  static JsonNode summary(Path root) throws IOException {
    return Json.mapper().readTree(root.resolve(GeneratorSchemas.SUMMARY_JSON).toFile());
  }

  static List<Row> truthTraces(Path root) {
    return spark().read().parquet(root.resolve(GeneratorSchemas.TRACES_DIR).toString()).collectAsList();
  }

  /** Rows as sortable text: equal lists mean equal archives, whatever the file layout. */
  static List<String> sorted(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().toList();
  }

  static boolean valid(Row row) {
    return !GeneratedRows.spanId(row).isEmpty() && GeneratedRows.end(row) >= GeneratedRows.start(row);
  }

  static String key(Row row) {
    return (GeneratedRows.traceId(row) + "/" + GeneratedRows.spanId(row)).toLowerCase(Locale.ROOT);
  }

  /** Same seed, same rows, however the work is split: here 2 and 5 partitions, into two directories. */
  @Test
  void sameSeedGivesIdenticalRowsWhateverThePartitioning() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    generate(a, DAY1, 1, 5_000, 42, ImperfectionMode.REALISTIC, 2);
    generate(b, DAY1, 1, 5_000, 42, ImperfectionMode.REALISTIC, 5);
    List<String> rowsA = sorted(rows(a));
    assertTrue(rowsA.size() > 4_500, "rows: " + rowsA.size());
    assertEquals(rowsA, sorted(rows(b)));
    assertEquals(sorted(truthTraces(a)), sorted(truthTraces(b)));
    assertEquals(summary(a), summary(b));
  }

  /** Another seed is another archive: no trace id in common. */
  @Test
  void differentSeedsGiveDifferentRows() {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    generate(a, DAY1, 1, 5_000, 42, ImperfectionMode.NONE, 2);
    generate(b, DAY1, 1, 5_000, 43, ImperfectionMode.NONE, 2);
    Set<String> idsA = rows(a).stream().map(GeneratedRows::traceId).collect(Collectors.toSet());
    Set<String> idsB = rows(b).stream().map(GeneratedRows::traceId).collect(Collectors.toSet());
    assertFalse(idsA.isEmpty());
    assertTrue(idsA.stream().noneMatch(idsB::contains));
  }

  /** Hive-style partitions: every row sits in {@code date=} its start's UTC day, in both modes. */
  @Test
  void everyRowLandsInThePartitionOfItsStartDay() {
    for (List<Row> rows : List.of(cleanRows, realisticRows)) {
      for (Row row : rows) {
        assertEquals(GeneratedRows.dayOf(GeneratedRows.start(row)).toString(), GeneratedRows.date(row));
      }
    }
    Set<String> dates = realisticRows.stream().map(GeneratedRows::date).collect(Collectors.toSet());
    assertEquals(Set.of(DAY1.toString(), DAY2.toString()), dates, "nothing outside the generated days");
  }

  /**
   * {@code --imperfections none}: every row reads without drop or repair; every trace is one complete tree (each
   * parent present, exactly one root) inside one day; summary.json counts no imperfection.
   */
  @Test
  void noneModeGivesCompleteTreesThatReadWithoutRepair() throws IOException {
    for (Row row : cleanRows) {
      ParsedRow parsed = GeneratedRows.parse(row);
      assertFalse(parsed.isDropped(), () -> "dropped " + row);
      assertEquals(0, parsed.repairs(), () -> "repaired " + row);
    }
    Map<String, List<Row>> traces = GeneratedRows.byTrace(cleanRows);
    for (List<Row> trace : traces.values()) {
      Set<String> ids = trace.stream().map(GeneratedRows::spanId).collect(Collectors.toSet());
      assertEquals(trace.size(), ids.size(), "no duplicate span");
      assertEquals(1, trace.stream().filter(r -> GeneratedRows.parentId(r) == null).count(), "one root");
      assertTrue(trace.stream().allMatch(r -> r.isNullAt(r.fieldIndex(SpanArchiveSchema.PARENT_SPAN_ID))
          || ids.contains(GeneratedRows.parentId(r))), "every parent present");
      assertEquals(1, trace.stream().map(GeneratedRows::date).distinct().count(), "inside one day");
    }
    JsonNode summary = summary(clean);
    assertEquals(traces.size(), summary.at("/traces_per_day/" + DAY1).asLong()
        + summary.at("/traces_per_day/" + DAY2).asLong());
    assertEquals(cleanRows.size(), summary.at("/rows_written_per_day/" + DAY1).asLong()
        + summary.at("/rows_written_per_day/" + DAY2).asLong());
    List<Long> imperfections = new ArrayList<>();
    summary.get("imperfections").forEach(n -> collectNumbers(n, imperfections));
    assertFalse(imperfections.isEmpty());
    assertTrue(imperfections.stream().allMatch(n -> n == 0), "no imperfection in none mode: " + imperfections);
  }

  private static void collectNumbers(JsonNode node, List<Long> out) {
    if (node.isNumber()) out.add(node.asLong());
    else node.forEach(n -> collectNumbers(n, out));
  }

  /**
   * The oracle the nightly job's tests also use: for clean output, {@code _generator/expected_links} equals what the
   * model's DependencyLinker computes over the archive's traces, day by day (a trace counting on its earliest
   * span's day), calls and errors.
   */
  @Test
  void expectedLinksEqualTheLinkerOverCleanTraces() {
    Map<LocalDate, List<DependencyLink>> linker = GeneratedRows.linkerLinksByDay(cleanRows);
    Map<LocalDate, List<DependencyLink>> expected = expectedLinks(clean);
    assertEquals(Set.of(DAY1, DAY2), expected.keySet());
    assertEquals(expected, linker);
    List<DependencyLink> day1 = expected.get(DAY1);
    assertTrue(day1.size() > 40, "links: " + day1.size());
    assertTrue(day1.stream().anyMatch(l -> l.errorCount() > 0));
  }

  static Map<LocalDate, List<DependencyLink>> expectedLinks(Path root) {
    Map<LocalDate, List<DependencyLink>> links = new TreeMap<>();
    for (Row row : spark().read().parquet(root.resolve(GeneratorSchemas.EXPECTED_LINKS_DIR).toString())
        .collectAsList()) {
      LocalDate day = LocalDate.parse(row.getAs(GeneratorSchemas.DATE).toString());
      links.computeIfAbsent(day, d -> new ArrayList<>()).add(new DependencyLink(
          row.getAs(GeneratorSchemas.PARENT), row.getAs(GeneratorSchemas.CHILD),
          row.<Long>getAs(GeneratorSchemas.CALL_COUNT), row.<Long>getAs(GeneratorSchemas.ERROR_COUNT)));
    }
    links.values().forEach(l -> l.sort(DependencyLink.ORDER));
    return links;
  }

  /** In the archive, not only in the generator: each checkout request's SERVER span calls feature-flags. */
  @Test
  void checkoutEntryAlwaysCallsFeatureFlags() {
    int checkouts = 0;
    for (List<Row> trace : GeneratedRows.byTrace(cleanRows).values()) {
      Map<String, Row> byId = new HashMap<>();
      for (Row row : trace) byId.put(GeneratedRows.spanId(row), row);
      for (Row row : trace) {
        if (!GeneratedRows.string(row, SpanArchiveSchema.NAME).equals("POST /api/checkout")
            || !GeneratedRows.string(row, SpanArchiveSchema.KIND).equals("SERVER")) {
          continue;
        }
        checkouts++;
        String checkout = GeneratedRows.spanId(row);
        boolean flags = trace.stream().anyMatch(r ->
            GeneratedRows.string(r, SpanArchiveSchema.SERVICE_NAME).equals("feature-flags")
                && GeneratedRows.string(r, SpanArchiveSchema.KIND).equals("SERVER")
                && checkout.equals(GeneratedRows.parentId(byId.get(GeneratedRows.parentId(r)))));
        assertTrue(flags, "checkout " + checkout + " without feature-flags");
      }
    }
    assertTrue(checkouts > 20, "checkouts: " + checkouts);
  }

  /** The per-trace truth describes the clean archive exactly: one row per trace id, its size, root and error. */
  @Test
  void truthTracesDescribeTheCleanArchive() {
    Map<String, List<Row>> traces = GeneratedRows.byTrace(cleanRows);
    List<Row> truth = truthTraces(clean);
    assertEquals(traces.size(), truth.size());
    int errors = 0;
    int reachedRoot = 0;
    for (Row t : truth) {
      List<Row> rows = traces.get(t.<String>getAs(GeneratorSchemas.TRACE_ID));
      assertEquals(rows.size(), t.<Integer>getAs(GeneratorSchemas.SPAN_COUNT));
      Row root = rows.stream().filter(r -> GeneratedRows.parentId(r) == null).findFirst().orElseThrow();
      assertEquals("frontend", t.getAs(GeneratorSchemas.ROOT_SERVICE));
      assertEquals(GeneratedRows.string(root, SpanArchiveSchema.NAME), t.getAs(GeneratorSchemas.ROOT_OPERATION));
      assertEquals(GeneratedRows.date(root), t.getAs(GeneratorSchemas.DATE).toString());
      assertTrue(t.getList(t.fieldIndex(GeneratorSchemas.FLAGS)).isEmpty());
      String origin = t.getAs(GeneratorSchemas.ERROR_ORIGIN_SPAN_ID);
      boolean rootFailed = GeneratedRows.string(root, SpanArchiveSchema.STATUS_CODE).equals("ERROR");
      if (origin == null) {
        assertNull(t.getAs(GeneratorSchemas.ERROR_ORIGIN_SERVICE));
        assertFalse(rootFailed);
        continue;
      }
      errors++;
      Row originRow = rows.stream().filter(r -> GeneratedRows.spanId(r).equals(origin)).findFirst().orElseThrow();
      assertEquals("ERROR", GeneratedRows.string(originRow, SpanArchiveSchema.STATUS_CODE));
      assertEquals(GeneratedRows.string(originRow, SpanArchiveSchema.SERVICE_NAME),
          t.getAs(GeneratorSchemas.ERROR_ORIGIN_SERVICE));
      assertEquals(GeneratedRows.string(originRow, SpanArchiveSchema.NAME),
          t.getAs(GeneratorSchemas.ERROR_ORIGIN_OPERATION));
      assertEquals(rootFailed, t.<Boolean>getAs(GeneratorSchemas.ERROR_REACHED_ROOT));
      if (rootFailed) reachedRoot++;
    }
    assertTrue(errors > 10 && reachedRoot > 0 && reachedRoot < errors, errors + " errors, " + reachedRoot);
  }

  /**
   * Realistic mode: every imperfection is injected, and each count in summary.json is what a reader of the archive
   * can see: rows with an empty span id, rows ending before they start, exact duplicate rows, respelled ids, kinds
   * and statuses, headless fragments, spans of the skewed host, traces in two partitions.
   */
  @Test
  void realisticCountsMatchWhatAReaderSees() throws IOException {
    JsonNode summary = summary(realistic);
    JsonNode imperfections = summary.get("imperfections");
    List<Long> counts = new ArrayList<>();
    imperfections.forEach(n -> collectNumbers(n, counts));
    assertEquals(12, counts.size(), imperfections::toString);
    assertTrue(counts.stream().allMatch(n -> n > 0), "every imperfection injected: " + imperfections);

    List<Row> rows = realisticRows;
    for (LocalDate day : List.of(DAY1, DAY2)) {
      long inPartition = rows.stream().filter(r -> GeneratedRows.date(r).equals(day.toString())).count();
      assertEquals(summary.at("/rows_written_per_day/" + day).asLong(), inPartition);
      long spans = rows.stream().filter(r -> GeneratedRows.date(r).equals(day.toString())).filter(
          GenerateJobTest::valid).map(GenerateJobTest::key).distinct().count();
      assertEquals(summary.at("/spans_written_per_day/" + day).asLong(), spans);
    }
    assertEquals(imperfections.at("/invalid_rows/span_id_missing").asLong(),
        rows.stream().filter(r -> GeneratedRows.spanId(r).isEmpty()).count());
    assertEquals(imperfections.at("/invalid_rows/end_before_start").asLong(),
        rows.stream().filter(r -> GeneratedRows.end(r) < GeneratedRows.start(r)).count());
    long duplicates = GeneratedRows.counts(rows.stream().map(Row::toString).toList()).values().stream()
        .mapToLong(n -> n - 1).sum();
    assertEquals(imperfections.get("duplicate_rows").asLong(), duplicates);
    assertEquals(imperfections.at("/respelled_rows/id_upper_case").asLong(), rows.stream()
        .filter(r -> Stream.of(GeneratedRows.traceId(r), GeneratedRows.spanId(r), GeneratedRows.parentId(r))
            .anyMatch(id -> id != null && !id.equals(id.toLowerCase(Locale.ROOT)))).count());
    assertEquals(imperfections.at("/respelled_rows/kind_spelling").asLong(), rows.stream()
        .filter(r -> GeneratedRows.string(r, SpanArchiveSchema.KIND).startsWith("SPAN_KIND_")).count());
    assertEquals(imperfections.at("/respelled_rows/status_spelling").asLong(), rows.stream()
        .filter(r -> GeneratedRows.string(r, SpanArchiveSchema.STATUS_CODE).startsWith("STATUS_CODE_")).count());
    for (Row row : rows) {
      ParsedRow parsed = GeneratedRows.parse(row);
      assertTrue(valid(row) != parsed.isDropped(), () -> "only the invalid rows are dropped: " + row);
    }

    String skewedHost = summary.at("/per_day/" + DAY1 + "/clock_skew/host").asText();
    assertEquals(imperfections.get("skewed_spans").asLong(), rows.stream().filter(GenerateJobTest::valid)
        .filter(r -> skewedHost.equals(GeneratedRows.resource(r).get("host.name")))
        .map(GenerateJobTest::key).distinct().count());

    // Headless traces: the fragments of broken propagation, plus the previous day's crossing traces whose root lies
    // in a partition that was not generated (they have no truth row: they belong to that day).
    Map<String, List<Row>> traces = GeneratedRows.byTrace(rows);
    Map<String, Row> truth = new HashMap<>();
    for (Row t : truthTraces(realistic)) truth.put(t.getAs(GeneratorSchemas.TRACE_ID), t);
    Set<String> headless = new HashSet<>();
    traces.forEach((id, trace) -> {
      if (trace.stream().noneMatch(r -> GeneratedRows.parentId(r) == null)) headless.add(id);
    });
    long fragments = headless.stream().filter(truth::containsKey).peek(id -> assertTrue(
        truth.get(id).getList(truth.get(id).fieldIndex(GeneratorSchemas.FLAGS)).contains("propagation_fragment")))
        .count();
    assertEquals(imperfections.get("propagation_fragments").asLong(), fragments);
    assertEquals(summary.at("/per_day/" + DAY1 + "/imperfections/crossing_midnight_traces").asLong(),
        headless.stream().filter(id -> !truth.containsKey(id)).count(), "the previous day's crossing traces");

    // Crossing midnight: day 1's crossing traces have rows in both partitions.
    long crossing = traces.entrySet().stream()
        .filter(e -> truth.containsKey(e.getKey()) && flags(truth.get(e.getKey())).contains("crossing_midnight"))
        .filter(e -> DAY1.toString().equals(truth.get(e.getKey()).getAs(GeneratorSchemas.DATE).toString()))
        .filter(e -> e.getValue().stream().map(GeneratedRows::date).distinct().count() == 2)
        .count();
    assertEquals(summary.at("/per_day/" + DAY1 + "/imperfections/crossing_midnight_traces").asLong(), crossing);

    assertEquals(imperfections.get("broken_propagation_traces").asLong(),
        truth.values().stream().filter(t -> flags(t).contains("broken_propagation")).count());

    // Lost spans: every parent id missing from its trace (fragments' and spill-over tops aside) is a lost span.
    Set<String> missingParents = new HashSet<>();
    traces.forEach((id, trace) -> {
      Set<String> ids = trace.stream().filter(GenerateJobTest::valid)
          .map(r -> GeneratedRows.spanId(r).toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
      if (headless.contains(id)) return;
      for (Row r : trace) {
        String parent = GeneratedRows.parentId(r);
        if (parent != null && !ids.contains(parent.toLowerCase(Locale.ROOT))) missingParents.add(id + "/" + parent);
      }
    });
    assertFalse(missingParents.isEmpty());
    assertTrue(missingParents.size() <= imperfections.get("lost_spans").asLong());

    // Per trace: the truth's span count is what the archive holds (traces within the two days).
    for (Row t : truth.values()) {
      if (flags(t).contains("crossing_midnight")) continue;
      List<Row> trace = traces.get(t.<String>getAs(GeneratorSchemas.TRACE_ID));
      assertEquals((long) t.<Integer>getAs(GeneratorSchemas.SPAN_COUNT),
          trace.stream().filter(GenerateJobTest::valid).map(GenerateJobTest::key).distinct().count());
    }
  }

  static List<Object> flags(Row truth) {
    return truth.getList(truth.fieldIndex(GeneratorSchemas.FLAGS));
  }

  /**
   * Regenerating a day replaces exactly that day: with the same per-day size and seed it is byte-for-byte the same
   * rows (including the previous day's spans after midnight), and the neighbouring days' files are untouched. With
   * another seed the day changes and summary.json keeps the other days' entries.
   */
  @Test
  void regeneratingADayReplacesItAndLeavesTheOthersAlone() throws IOException {
    Path root = tmp.resolve("replay");
    LocalDate day3 = DAY1.plusDays(2);
    generate(root, DAY1, 3, 9_000, 42, ImperfectionMode.REALISTIC, 3);
    Map<String, List<String>> before = byDate(rows(root));
    List<Path> day1Files = files(root.resolve("date=" + DAY1));
    List<Path> day3Files = files(root.resolve("date=" + day3));

    generate(root, DAY2, 1, 3_000, 42, ImperfectionMode.REALISTIC, 2);
    Map<String, List<String>> again = byDate(rows(root));
    assertEquals(before, again, "same seed and size per day: the same day");
    assertEquals(day1Files, files(root.resolve("date=" + DAY1)));
    assertEquals(day3Files, files(root.resolve("date=" + day3)));

    Map<String, Object> summary = generate(root, DAY2, 1, 3_000, 7, ImperfectionMode.REALISTIC, 2);
    Map<String, List<String>> reseeded = byDate(rows(root));
    assertNotEquals(before.get(DAY2.toString()), reseeded.get(DAY2.toString()));
    assertEquals(before.get(DAY1.toString()), reseeded.get(DAY1.toString()));
    assertEquals(before.get(day3.toString()), reseeded.get(day3.toString()));
    assertEquals(day1Files, files(root.resolve("date=" + DAY1)));
    assertEquals(List.of(DAY1.toString(), DAY2.toString(), day3.toString()), summary.get("days"));
    JsonNode file = summary(root);
    assertEquals(42, file.at("/per_day/" + DAY1 + "/seed").asLong());
    assertEquals(7, file.at("/per_day/" + DAY2 + "/seed").asLong());
    long day2Truth = truthTraces(root).stream()
        .filter(t -> DAY2.toString().equals(t.getAs(GeneratorSchemas.DATE).toString())).count();
    assertEquals(file.at("/per_day/" + DAY2 + "/traces").asLong()
        + file.at("/per_day/" + DAY2 + "/imperfections/propagation_fragments").asLong(), day2Truth);
  }

  static Map<String, List<String>> byDate(List<Row> rows) {
    Map<String, List<Row>> byDate = new TreeMap<>();
    for (Row row : rows) byDate.computeIfAbsent(GeneratedRows.date(row), d -> new ArrayList<>()).add(row);
    Map<String, List<String>> result = new TreeMap<>();
    byDate.forEach((d, r) -> result.put(d, sorted(r)));
    return result;
  }

  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
