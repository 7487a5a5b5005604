package io.tracegraph.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.nightly.DependencyGraphJob;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.jobs.tables.AnalysisTables;
import io.tracegraph.model.AdjustedTrace;
import io.tracegraph.model.ClockSkewAdjuster;
import io.tracegraph.model.ErrorOrigins;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.RemotePeer;
import io.tracegraph.model.Span;
import io.tracegraph.model.SpanKind;
import io.tracegraph.model.TraceTree;
import io.tracegraph.reports.Json;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trace analyses against what the generator injected, on one realistic day: error origins match the injected
 * ones, the skewed inventory host is found and corrected by the injected amount, the propagation breaks of
 * {@code recommendation} are attributed to it, and slow checkouts are slow because of the payment provider.
 * Expectations come from the generator's ground truth and from the raw rows, never from the job.
 */
class GeneratedAnalysesTest extends SparkTestBase {
  static final LocalDate DAY = LocalDate.of(2026, 3, 9);
  static final long SEED = 11;

  @TempDir static Path tmp;
  static Path out;
  static Map<String, List<Row>> rowsByTrace;
  static JsonNode run;

  @BeforeAll
  static void generateAndRun() throws Exception {
    Path spans = tmp.resolve("spans");
    out = tmp.resolve("out");
    TestGeneration.generate(spark(), TestGeneration.options(spans, DAY).days(1).spans(40_000).seed(SEED)
        .imperfections(ImperfectionMode.REALISTIC));
    new DependencyGraphJob(NightlyOptions.of(spans.toString(), out.toString(), DAY)).run(spark());
    rowsByTrace = GeneratedRows.byTrace(GenerateJobTest.rows(spans));
    run = Json.mapper().readTree(out.resolve("reports").resolve(DAY.toString()).resolve("run.json").toFile());
    truth = new HashMap<>();
    for (Row r : GenerateJobTest.truthTraces(spans)) truth.put(r.getAs(GeneratorSchemas.TRACE_ID), r);
  }

  static Map<String, Row> truth;

  private static List<Span> spans(List<Row> rows) {
    List<Span> spans = new ArrayList<>();
    for (Row row : rows) {
      ParsedRow parsed = GeneratedRows.parse(row);
      if (!parsed.isDropped()) spans.add(parsed.span());
    }
    return spans;
  }

  private static List<Row> table(String name) {
    return spark().read().parquet(out.resolve("tables").resolve(name).toString())
        .where("date = '" + DAY + "'").drop("date").collectAsList();
  }

  /**
   * For at least 95% of the traces the generator failed, the origins found are exactly the span it injected the
   * error into (the rest lost a span on the way); the model and the job agree on how many traces failed and how many
   * were handled.
   */
  @Test
  void originsMatchTheInjectedOnes() {
    int failed = 0;
    int matched = 0;
    int failedFound = 0;
    int rootErrorFound = 0;
    long pathTraces = 0; // (trace, distinct error path) pairs: the table's trace_count summed
    for (Map.Entry<String, List<Row>> trace : rowsByTrace.entrySet()) {
      List<Span> spans = spans(trace.getValue());
      if (spans.isEmpty()) continue;
      AdjustedTrace t = ClockSkewAdjuster.withDefaults().adjust(TraceTree.build(spans));
      List<ErrorOrigins.Origin> origins = ErrorOrigins.originsOf(t);
      if (!origins.isEmpty()) failedFound++;
      Set<String> paths = new HashSet<>();
      for (ErrorOrigins.Origin o : origins) {
        paths.add(String.join("|", o.origin().service(), o.origin().name(), o.surfaced().service(),
            o.surfaced().name(), o.root().service(), o.root().name(), Integer.toString(o.hops())));
      }
      pathTraces += paths.size();
      if (origins.stream().anyMatch(ErrorOrigins.Origin::reachedRoot)) rootErrorFound++;
      Row truthRow = truth.get(trace.getKey());
      // No truth: the tail of a trace that crossed into this day from the day before, which was not generated.
      String injected = truthRow == null ? null : truthRow.getAs(GeneratorSchemas.ERROR_ORIGIN_SPAN_ID);
      if (injected == null) continue;
      failed++;
      Set<String> found = new HashSet<>();
      for (ErrorOrigins.Origin o : origins) found.add(HexIds.toHex(o.origin().spanId()));
      if (found.equals(Set.of(injected))) {
        matched++;
        boolean reachedRoot = origins.get(0).reachedRoot();
        assertEquals(truthRow.<Boolean>getAs(GeneratorSchemas.ERROR_REACHED_ROOT), reachedRoot, trace.getKey());
        assertEquals(truthRow.<String>getAs(GeneratorSchemas.ERROR_ORIGIN_SERVICE), origins.get(0).origin().service());
      }
    }
    double rate = (double) matched / failed;
    System.out.printf(Locale.ROOT, "error origins: %d of %d failed traces match the injected origin (%.2f%%)%n",
        matched, failed, 100 * rate);
    assertTrue(failed > 50, "enough failed traces: " + failed);
    assertTrue(rate >= 0.95, "match rate " + rate);
    assertEquals(failedFound, run.get("errors").get("failed_traces").asLong());
    assertEquals(failedFound - rootErrorFound, run.get("errors").get("failed_traces_handled").asLong());
    long tableTraces = 0;
    for (Row r : table(AnalysisTables.ERROR_ORIGINS.name())) tableTraces += r.getLong(8);
    assertEquals(pathTraces, tableTraces);
  }

  /**
   * Every SERVER span of the skewed inventory pod whose calling CLIENT is in the archive is adjusted, nothing else
   * is, and the mean correction is the injected skew (to within the network time between the pods).
   */
  @Test
  void skewedHostIsFoundAndCorrected() {
    String host = ShopWorld.skewedHost();
    long expected = 0;
    for (List<Row> trace : rowsByTrace.values()) {
      Set<String> ids = new HashSet<>();
      for (Row r : trace) ids.add(GeneratedRows.spanId(r).toLowerCase(Locale.ROOT));
      Set<String> counted = new HashSet<>();
      for (Row r : trace) {
        ParsedRow parsed = GeneratedRows.parse(r);
        if (parsed.isDropped() || parsed.span().kind() != SpanKind.SERVER) continue;
        if (!host.equals(GeneratedRows.resource(r).get("host.name"))) continue;
        String parent = GeneratedRows.parentId(r);
        if (parent == null || !ids.contains(parent.toLowerCase(Locale.ROOT))) continue;
        if (counted.add(GeneratedRows.spanId(r).toLowerCase(Locale.ROOT))) expected++;
      }
    }
    assertTrue(expected > 10, "skewed spans: " + expected);
    JsonNode skew = run.get("clock_skew");
    long adjusted = 0;
    double injectedMs = TraceSynthesizer.skewNanos(SEED, DAY.toEpochDay()) / 1e6;
    for (JsonNode pair : skew) {
      assertEquals("inventory", pair.get("child").asText(), pair.toString());
      assertEquals(0, pair.get("not_applied").asLong());
      assertEquals(-injectedMs, pair.get("mean_shift_ms").asDouble(), 3.0, pair.toString());
      adjusted += pair.get("adjusted_spans").asLong();
    }
    assertEquals(expected, adjusted);
    assertEquals(expected, run.get("trace_quality").get("skew_adjusted_spans").asLong());
  }

  /**
   * Calls to an instrumented service with no callee span in the trace are propagation breaks of their (caller,
   * callee) pair: counted from the raw rows, they are recommendation's lost contexts (and calls whose server span was
   * lost); calls to databases and other uninstrumented peers never are.
   */
  @Test
  void propagationBreaksAreAttributedToThePairThatBroke() {
    Set<String> services = new HashSet<>(); // the instrumented services of the day: those with spans
    for (List<Row> trace : rowsByTrace.values()) {
      for (Row r : trace) services.add(GeneratedRows.string(r, "service_name"));
    }
    Map<String, Long> expected = new HashMap<>();
    for (List<Row> trace : rowsByTrace.values()) {
      Set<String> parents = new HashSet<>();
      for (Row r : trace) {
        if (GeneratedRows.parentId(r) != null) parents.add(GeneratedRows.parentId(r).toLowerCase(Locale.ROOT));
      }
      Set<String> counted = new HashSet<>();
      for (Row r : trace) {
        ParsedRow parsed = GeneratedRows.parse(r);
        if (parsed.isDropped() || parsed.span().kind() != SpanKind.CLIENT) continue;
        String peer = RemotePeer.of(GeneratedRows.attributes(r));
        String id = GeneratedRows.spanId(r).toLowerCase(Locale.ROOT);
        if (peer == null || !services.contains(peer) || parents.contains(id) || !counted.add(id)) continue;
        expected.merge(parsed.span().service() + "->" + peer, 1L, Long::sum);
      }
    }
    Map<String, Long> found = new HashMap<>();
    int breaks = AnalysisTables.TRACE_QUALITY.schema().fieldIndex("propagation_breaks");
    for (Row r : table(AnalysisTables.TRACE_QUALITY.name())) {
      if (r.getLong(breaks) > 0) found.put(r.getString(0) + "->" + r.getString(1), r.getLong(breaks));
    }
    assertEquals(expected, found);
    assertTrue(found.getOrDefault("recommendation->catalog", 0L) > 0, "recommendation loses context: " + found);
  }

  /** The generated shop's checkouts wait on the card processor: it dominates their critical path, above all when slow. */
  @Test
  void slowCheckoutsAreSlowBecauseOfThePaymentProvider() {
    Row charge = null;
    Map<String, long[]> sums = new HashMap<>();
    for (Row r : table(AnalysisTables.CRITICAL_PATH.name())) {
      long[] s = sums.computeIfAbsent(r.get(0) + "|" + r.get(1), k -> new long[2]);
      s[0] += r.getLong(5);
      s[1] = r.getLong(14);
      if ("POST /checkout".equals(r.get(1)) && "payment".equals(r.get(2)) && "POST /v1/charges".equals(r.get(3))) {
        charge = r;
      }
    }
    sums.forEach((entry, s) -> assertEquals(s[1], s[0], "critical times add up to the latency of " + entry));
    assertTrue(charge != null, "the card processor call is on checkout's critical path");
    assertTrue(charge.getDouble(7) > 0.5, "share among the fastest 95%: " + charge.getDouble(7));
    assertTrue(charge.getDouble(10) > charge.getDouble(6), "more of the slowest 5% than of the fastest half");
  }
}
