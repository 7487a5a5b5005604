package io.tracegraph.jobs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.nightly.NightlyOptions;
import io.tracegraph.jobs.nightly.NightlyRunner;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.Span;
import io.tracegraph.reports.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * issue 13, the fuzz set beyond span archives: damaged ClickHouse exports and Tempo blocks, each made from the
 * scenarios with a fixed seed. As for archives ({@code nightly/FuzzedArchiveTest}), a run ends with exit 0 and the
 * damage counted (and run.json adds up: rows read = spans + duplicates merged + rows dropped), or with exit 3 naming
 * the file and the column; never an internal error.
 */
class FuzzedSourcesTest extends SparkTestBase {
  static final LocalDate DAY = ClickHouseSourceTest.DAY;
  @TempDir Path tmp;

  /** One damaged input: the file it writes (to be named) and the column (to be named), null for an exit-0 case. */
  enum Damage {
    /** ClickHouse: each column null in some rows, one column per damaged row, cycling through all of them. */
    CLICKHOUSE_NULLS_IN_EVERY_COLUMN(null),
    /** ClickHouse: ids that are not hex, empty span ids, negative durations (end before start). */
    CLICKHOUSE_BAD_IDS_AND_DURATIONS(null),
    /** ClickHouse: Duration written as text. */
    CLICKHOUSE_DURATION_AS_STRING("Duration"),
    /** ClickHouse: Timestamp written as text. */
    CLICKHOUSE_TIMESTAMP_AS_STRING("Timestamp"),
    /** Tempo: copies of some spans in the same block, with another service and times. */
    TEMPO_DUPLICATE_SPAN_IDS(null),
    /** Tempo: a block's data.parquet cut in half (an unreadable file: the message names the file, "" the column). */
    TEMPO_TRUNCATED_DATA(""),
    /** Tempo: a block's data.parquet of zero bytes. */
    TEMPO_ZERO_BYTE_DATA(""),
    /** Tempo: a data.parquet without the resource spans ({@code rs}), its TraceID an int64. */
    TEMPO_WITHOUT_RESOURCE_SPANS("rs");

    final String column;

    Damage(String column) {
      this.column = column;
    }

    boolean clickHouse() {
      return name().startsWith("CLICKHOUSE");
    }
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void endsWithCountsOrANamedBadInput(Damage damage) throws Exception {
    Random random = new Random(13_100 + damage.ordinal());
    List<TempoFixtures.TraceSpan> spans = new ArrayList<>();
    for (Scenarios.Trace t : Scenarios.traces()) for (Span s : t.spans()) spans.add(new TempoFixtures.TraceSpan(t.traceId(), s));
    Collections.shuffle(spans, random);
    Path root = tmp.resolve("in");
    Path file;
    long rowsWritten;
    if (damage.clickHouse()) {
      List<Row> rows = clickHouseRows(spans);
      StructType schema = ClickHouseFixtures.MICROS_SCHEMA;
      switch (damage) {
        case CLICKHOUSE_NULLS_IN_EVERY_COLUMN -> {
          for (int i = 0; i < rows.size(); i++) rows.set(i, withValue(rows.get(i), i % schema.size(), null));
        }
        case CLICKHOUSE_BAD_IDS_AND_DURATIONS -> {
          for (int i = 0; i < rows.size(); i += 2) {
            int column = List.of(1, 2, 8).get(i / 2 % 3); // TraceId, SpanId, Duration
            Object bad = switch (column) {
              case 1 -> "zz-not-hex";
              case 2 -> "";
              default -> -5_000L;
            };
            rows.set(i, withValue(rows.get(i), column, bad));
          }
        }
        case CLICKHOUSE_DURATION_AS_STRING -> schema = retyped(schema, "Duration", rows);
        case CLICKHOUSE_TIMESTAMP_AS_STRING -> schema = retyped(schema, "Timestamp", rows);
        default -> throw new AssertionError(damage);
      }
      Path dir = root.resolve("export"); // a ClickHouse export: Parquet files under the root, any layout
      spark().createDataFrame(rows, schema).coalesce(1).write().parquet(dir.toString());
      try (var files = Files.list(dir)) {
        file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
      }
      rowsWritten = rows.size();
    } else {
      Path block = root.resolve("single-tenant").resolve("1a000000-0000-4000-8000-00000000001a");
      if (damage == Damage.TEMPO_DUPLICATE_SPAN_IDS) {
        List<TempoFixtures.TraceSpan> copies = new ArrayList<>();
        for (int i = 0; i < spans.size(); i += 4) {
          Span s = spans.get(i).span();
          copies.add(new TempoFixtures.TraceSpan(spans.get(i).traceId(), new Span(s.spanId(), s.parentId(), "impostor",
              s.name(), s.kind(), s.startNanos() + 1, s.endNanos() + 2, !s.error(), s.peer())));
        }
        spans.addAll(copies);
      }
      TempoFixtures.writeV5(block, spans, null);
      TempoFixtures.writeMeta(block, "vParquet5", spans, "[]", false);
      file = block.resolve("data.parquet");
      switch (damage) {
        case TEMPO_DUPLICATE_SPAN_IDS -> { }
        case TEMPO_TRUNCATED_DATA -> {
          byte[] bytes = Files.readAllBytes(file);
          Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        }
        case TEMPO_ZERO_BYTE_DATA -> Files.write(file, new byte[0]);
        case TEMPO_WITHOUT_RESOURCE_SPANS -> writeTempo(file, "message t { optional int64 TraceID; "
            + "optional binary TraceIDText (STRING); }", spans);
        default -> throw new AssertionError(damage);
      }
      rowsWritten = spans.size();
    }

    Path out = tmp.resolve("out");
    Throwable failure = null;
    try {
      NightlyRunner.run(spark(), NightlyOptions.of(root.toString(), out.toString(), DAY));
    } catch (Throwable t) {
      failure = t;
    }
    BadInputException bad = null;
    for (Throwable t = failure; t != null && bad == null; t = t.getCause()) if (t instanceof BadInputException b) bad = b;
    if (failure != null && bad == null) fail(damage + ": would exit 1 (internal error):\n" + stackTrace(failure));
    if (damage.column != null) {
      assertTrue(bad != null, damage + ": expected exit 3");
      assertTrue(bad.getMessage().contains(file.getFileName().toString()) && bad.getMessage().contains(damage.column),
          damage + ": names the file and '" + damage.column + "': " + bad.getMessage());
      return;
    }
    assertTrue(bad == null, damage + ": expected exit 0, got exit 3: " + (bad == null ? "" : bad.getMessage()));
    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    long droppedByReason = 0;
    for (JsonNode n : run.get("rows_dropped_by_reason")) droppedByReason += n.asLong();
    assertEquals(run.get("rows_dropped").asLong(), droppedByReason, damage + ": dropped = sum by reason");
    JsonNode traces = run.get("traces");
    long sourceDropped = run.path("source").path("duplicate_spans_dropped").asLong();
    assertEquals(rowsWritten, run.get("rows_read").asLong() + sourceDropped, damage + ": every row read: " + run);
    assertEquals(run.get("rows_read").asLong(), traces.get("spans").asLong() + traces.get("duplicates_merged").asLong()
        + run.get("rows_dropped").asLong(), damage + ": rows read = kept + dropped: " + run);
    JsonNode dropped = run.get("rows_dropped_by_reason");
    switch (damage) {
      case CLICKHOUSE_NULLS_IN_EVERY_COLUMN -> assertTrue(dropped.get("trace_id_missing").asLong() > 0
          && dropped.get("span_id_missing").asLong() > 0 && dropped.get("time_missing").asLong() > 0, run.toString());
      case CLICKHOUSE_BAD_IDS_AND_DURATIONS -> assertTrue(dropped.get("trace_id_invalid").asLong() > 0
          && dropped.get("span_id_missing").asLong() > 0 && dropped.get("end_before_start").asLong() > 0,
          run.toString());
      case TEMPO_DUPLICATE_SPAN_IDS -> assertTrue(traces.get("duplicates_merged").asLong() + sourceDropped > 0,
          run.toString());
      default -> throw new AssertionError(damage);
    }
  }

  /** The spans as rows of the exporter's JSON table variant ({@link ClickHouseFixtures#MICROS_SCHEMA}). */
  private static List<Row> clickHouseRows(List<TempoFixtures.TraceSpan> spans) {
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (TempoFixtures.TraceSpan ts : spans) {
      Span s = ts.span();
      rows.add(RowFactory.create(Timestamp.from(Instant.ofEpochSecond(0, s.startNanos())), ts.traceId(),
          HexIds.toHex(s.spanId()), s.hasParent() ? HexIds.toHex(s.parentId()) : "", s.name(),
          ClickHouseFixtures.kind(s, i), s.service(), "{\"n\":1}", s.durationNanos(), ClickHouseFixtures.status(s, i),
          ""));
      i++;
    }
    return rows;
  }

  private static Row withValue(Row row, int column, Object value) {
    Object[] values = new Object[row.size()];
    for (int i = 0; i < values.length; i++) values[i] = i == column ? value : row.get(i);
    return RowFactory.create(values);
  }

  /** The schema with {@code column} as a string, the rows' values of it turned into text. */
  private static StructType retyped(StructType schema, String column, List<Row> rows) {
    int index = schema.fieldIndex(column);
    for (int i = 0; i < rows.size(); i++) rows.set(i, withValue(rows.get(i), index, String.valueOf(rows.get(i).get(index))));
    StructField[] fields = schema.fields().clone();
    fields[index] = DataTypes.createStructField(column, DataTypes.StringType, true);
    return DataTypes.createStructType(fields);
  }

  /** Rewrites a Tempo data.parquet with a damaged schema: one row per trace, its id an int64. */
  private static void writeTempo(Path file, String schemaText, List<TempoFixtures.TraceSpan> spans) throws Exception {
    Files.delete(file);
    MessageType schema = MessageTypeParser.parseMessageType(schemaText);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toString()), new Configuration())).withType(schema).build()) {
      for (String traceId : TempoFixtures.byTrace(spans).keySet()) {
        w.write(groups.newGroup().append("TraceIDText", TempoFixtures.stripped(traceId))
            .append("TraceID", traceId.hashCode() * 31L));
      }
    }
  }

  private static String stackTrace(Throwable t) {
    StringWriter s = new StringWriter();
    t.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
