package io.tracegraph.jobs.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The span contract is one definition: every source returns exactly its columns, in its order and types (so the
 * analysis after the read is the same for every format), a source cannot map a column the contract does not have,
 * and the analysis reads the columns by name, so their order is nobody's business but {@link SpanColumns}'.
 */
class SpanColumnsTest extends SparkTestBase {
  static final LocalDate DAY = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);
  static final DayWindow WINDOW = new DayWindow(DAY, Duration.ofHours(1));

  @TempDir Path tmp;

  @Test
  void everySourceReturnsTheContract() throws Exception {
    Path archive = tmp.resolve("archive");
    ArchiveFixtures.write(spark(), archive, TestTraces.chains(3));
    assertContract(SpanFormat.ARCHIVE, archive);

    Path clickhouse = Files.createDirectories(tmp.resolve("otel_traces"));
    List<Map.Entry<String, Span>> spans = new ArrayList<>();
    for (Scenarios.Trace t : Scenarios.traces()) {
      for (Span s : t.spans()) spans.add(new AbstractMap.SimpleEntry<>(t.traceId(), s));
    }
    ClickHouseFixtures.writeNanos(new org.apache.hadoop.fs.Path(clickhouse.resolve("export.parquet").toString()),
        spans);
    assertContract(SpanFormat.CLICKHOUSE, clickhouse);

    Path block = tmp.resolve("tempo/tenant/0a000000-0000-4000-8000-00000000000a");
    List<TempoFixtures.TraceSpan> traceSpans = new ArrayList<>();
    for (Scenarios.Trace t : Scenarios.traces()) {
      for (Span s : t.spans()) traceSpans.add(new TempoFixtures.TraceSpan(t.traceId(), s));
    }
    TempoFixtures.writeV5(block, traceSpans, null);
    TempoFixtures.writeMeta(block, "vParquet5", traceSpans, "[]", false);
    assertContract(SpanFormat.TEMPO, tmp.resolve("tempo"));
  }

  private static void assertContract(SpanFormat format, Path root) {
    SourceScan scan = format.source().plan(spark(), new SourceRequest(root.toString(), WINDOW, false, null));
    Dataset<Row> rows = scan.read(spark());
    List<String> fields = new ArrayList<>();
    for (StructField f : rows.schema().fields()) fields.add(f.name() + " " + f.dataType().catalogString());
    List<String> contract = new ArrayList<>();
    for (StructField f : SpanColumns.SCHEMA.fields()) contract.add(f.name() + " " + f.dataType().catalogString());
    assertEquals(contract, fields, format.key());
    assertTrue(rows.count() > 0, format.key() + " read rows");
  }

  @Test
  void aColumnOutsideTheContractIsRefused() {
    Dataset<Row> rows = spark().range(1).toDF();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SpanColumns.select(rows, Map.of("peer_service", lit("x")), WINDOW));
    assertTrue(e.getMessage().contains("peer_service"), e.getMessage());
  }

  /** The same rows with their columns in reverse order and one more in front parse to the same spans. */
  @Test
  void rowsAreReadByName() {
    Path archive = tmp.resolve("archive");
    ArchiveFixtures.write(spark(), archive, TestTraces.chains(2));
    List<String> files = List.of(archive.resolve("date=" + DAY).toFile().list()).stream()
        .filter(f -> f.endsWith(".parquet")).map(f -> archive.resolve("date=" + DAY).resolve(f).toString()).toList();
    Dataset<Row> rows = ArchiveSource.read(spark(), files, WINDOW);
    List<Column> reversed = new ArrayList<>();
    reversed.add(lit(42L).as("_trace_hash"));
    List<String> names = new ArrayList<>(SpanColumns.NAMES);
    Collections.reverse(names);
    for (String name : names) reversed.add(col(name));
    List<Span> inOrder = spans(rows.collectAsList());
    List<Span> shuffled = spans(rows.select(reversed.toArray(Column[]::new)).collectAsList());
    assertEquals(inOrder, shuffled);
    assertTrue(inOrder.size() > 5, "spans parsed");
  }

  private static List<Span> spans(List<Row> rows) {
    SpanRowReader reader = SpanRowReader.of(rows.get(0).schema());
    List<Span> spans = new ArrayList<>();
    for (Row r : rows) {
      ParsedRow parsed = reader.parse(r);
      if (!parsed.isDropped()) spans.add(parsed.span());
    }
    spans.sort(java.util.Comparator.comparingLong(Span::spanId).thenComparingLong(Span::startNanos));
    return spans;
  }
}
