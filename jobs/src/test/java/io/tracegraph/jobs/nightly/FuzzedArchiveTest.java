package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.archive.SpanArchiveSchema;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.model.Span;
import io.tracegraph.model.TestTraces;
import io.tracegraph.reports.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Damaged span archives, each written with parquet-hadoop (so any physical type and any bytes can be written) from
 * the acceptance scenarios and damaged in one way, with a fixed seed: every run must end as the command line would
 * with exit 0 and the damage counted, or exit 3 with a message naming the file and the column; never another exit
 * code, never a stack trace. An exit-0 run must add up: rows read = spans kept + duplicates merged + rows dropped.
 */
class FuzzedArchiveTest extends SparkTestBase {
  static final LocalDate DAY = DependencyGraphJobTest.DAY;

  @TempDir Path tmp;

  /** The columns written and their Parquet declaration, as span archive v1 has them. */
  static Map<String, String> archiveColumns() {
    Map<String, String> c = new LinkedHashMap<>();
    for (String id : List.of(SpanArchiveSchema.TRACE_ID, SpanArchiveSchema.SPAN_ID, SpanArchiveSchema.PARENT_SPAN_ID,
        SpanArchiveSchema.SERVICE_NAME, SpanArchiveSchema.NAME, SpanArchiveSchema.KIND)) {
      c.put(id, "optional binary %s (STRING);");
    }
    c.put(SpanArchiveSchema.START_TIME, "optional int64 %s;");
    c.put(SpanArchiveSchema.END_TIME, "optional int64 %s;");
    c.put(SpanArchiveSchema.STATUS_CODE, "optional binary %s (STRING);");
    c.put(SpanArchiveSchema.ATTRIBUTES, "optional group %s (MAP) { repeated group key_value { "
        + "required binary key (STRING); optional binary value (STRING); } }");
    return c;
  }

  /** How a run may end: exit 0 with something counted, or exit 3 naming file and column. */
  enum Outcome { COUNTED, BAD_INPUT }

  /** One kind of damage: the column declarations it changes, and what it does to the rows. */
  enum Damage {
    TIMES_AS_INT32(Outcome.BAD_INPUT, SpanArchiveSchema.START_TIME, c -> c.put(SpanArchiveSchema.START_TIME,
        "optional int32 %s;"), rows -> {}),
    TIMES_AS_STRING(Outcome.BAD_INPUT, SpanArchiveSchema.END_TIME, c -> c.put(SpanArchiveSchema.END_TIME,
        "optional binary %s (STRING);"), rows -> {}),
    /** Decimal nanoseconds of scale 0: the numbers are the nanoseconds, read as they are. */
    TIMES_AS_DECIMAL(Outcome.COUNTED, null, c -> c.put(SpanArchiveSchema.START_TIME,
        "optional int64 %s (DECIMAL(18,0));"), rows -> {}),
    /** Decimal of scale 3 (microseconds with a fraction, say): read as is, the times would be off by 1000. */
    TIMES_AS_SCALED_DECIMAL(Outcome.BAD_INPUT, SpanArchiveSchema.END_TIME, c -> c.put(SpanArchiveSchema.END_TIME,
        "optional int64 %s (DECIMAL(18,3));"), rows -> {}),
    /** A timestamp annotation: Spark would read it as a timestamp, not as nanoseconds. */
    TIMES_AS_TIMESTAMP(Outcome.BAD_INPUT, SpanArchiveSchema.START_TIME, c -> c.put(SpanArchiveSchema.START_TIME,
        "optional int64 %s (TIMESTAMP(MICROS,true));"), rows -> {}),
    IDS_AS_INT64(Outcome.BAD_INPUT, SpanArchiveSchema.SPAN_ID, c -> c.put(SpanArchiveSchema.SPAN_ID,
        "optional int64 %s;"), rows -> {}),
    IDS_AS_PLAIN_BINARY(Outcome.COUNTED, null, c -> c.put(SpanArchiveSchema.TRACE_ID, "optional binary %s;"),
        rows -> {}),
    /** Every column null in some rows, one column per damaged row, cycling through all of them. */
    NULLS_IN_EVERY_COLUMN(Outcome.COUNTED, null, c -> {}, rows -> {
      List<String> columns = List.copyOf(archiveColumns().keySet());
      for (int i = 0; i < rows.size(); i++) rows.get(i).put(columns.get(i % columns.size()), null);
    }),
    INVALID_UTF8(Outcome.COUNTED, null, c -> {}, rows -> {
      byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 'x'};
      for (int i = 0; i < rows.size(); i += 3) {
        Map<String, Object> r = rows.get(i);
        String column = List.of(SpanArchiveSchema.SERVICE_NAME, SpanArchiveSchema.NAME, SpanArchiveSchema.TRACE_ID,
            SpanArchiveSchema.KIND).get(i / 3 % 4);
        r.put(column, Binary.fromConstantByteArray(bad));
      }
    }),
    /** Two spans of a trace each other's parent. */
    PARENT_CYCLES(Outcome.COUNTED, null, c -> {}, rows -> {
      Map<Object, Map<String, Object>> firstOfTrace = new LinkedHashMap<>();
      for (Map<String, Object> b : rows) {
        Map<String, Object> a = firstOfTrace.putIfAbsent(b.get(SpanArchiveSchema.TRACE_ID), b);
        if (a != null) {
          a.put(SpanArchiveSchema.PARENT_SPAN_ID, b.get(SpanArchiveSchema.SPAN_ID));
          b.put(SpanArchiveSchema.PARENT_SPAN_ID, a.get(SpanArchiveSchema.SPAN_ID));
          return;
        }
      }
    }),
    SELF_PARENTS(Outcome.COUNTED, null, c -> {}, rows -> {
      for (int i = 0; i < rows.size(); i += 2) {
        rows.get(i).put(SpanArchiveSchema.PARENT_SPAN_ID, rows.get(i).get(SpanArchiveSchema.SPAN_ID));
      }
    }),
    /** A 1 MB service name on some rows. */
    MEGABYTE_NAMES(Outcome.COUNTED, null, c -> {}, rows -> {
      String huge = "s".repeat(1 << 20);
      for (int i = 0; i < rows.size(); i += 5) rows.get(i).put(SpanArchiveSchema.SERVICE_NAME, huge);
    }),
    /** 10,000 attributes on some rows, besides the ones they had. */
    HUGE_ATTRIBUTE_MAPS(Outcome.COUNTED, null, c -> {}, rows -> {
      for (int i = 0; i < rows.size(); i += 5) {
        @SuppressWarnings("unchecked")
        Map<String, String> attributes = new LinkedHashMap<>((Map<String, String>) rows.get(i)
            .get(SpanArchiveSchema.ATTRIBUTES));
        for (int k = 0; k < 10_000; k++) attributes.put("custom.key." + k, "value " + k);
        rows.get(i).put(SpanArchiveSchema.ATTRIBUTES, attributes);
      }
    }),
    /**
     * Schema drift inside one day: the second half of the rows in a second file without {@code name} and
     * {@code attributes}, with an extra column, and its start times as decimal(18,0).
     */
    SCHEMA_DRIFT(Outcome.COUNTED, null, c -> {}, rows -> {}),
    /** Copies of some rows with another service, kind, times and status: the same span id, different content. */
    DUPLICATE_IDS_DIFFERENT_CONTENT(Outcome.COUNTED, null, c -> {}, rows -> {
      List<Map<String, Object>> copies = new ArrayList<>();
      for (int i = 0; i < rows.size(); i += 4) {
        Map<String, Object> copy = new LinkedHashMap<>(rows.get(i));
        copy.put(SpanArchiveSchema.SERVICE_NAME, "impostor");
        copy.put(SpanArchiveSchema.KIND, "CLIENT");
        copy.put(SpanArchiveSchema.START_TIME, (Long) copy.get(SpanArchiveSchema.START_TIME) + 1);
        copy.put(SpanArchiveSchema.STATUS_CODE, "ERROR");
        copies.add(copy);
      }
      rows.addAll(copies);
    });

    final Outcome outcome;
    final String column;
    final Consumer<Map<String, String>> schema;
    final Consumer<List<Map<String, Object>>> rows;

    Damage(Outcome outcome, String column, Consumer<Map<String, String>> schema,
           Consumer<List<Map<String, Object>>> rows) {
      this.outcome = outcome;
      this.column = column;
      this.schema = schema;
      this.rows = rows;
    }
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void endsWithCountsOrANamedBadInput(Damage damage) throws Exception {
    Random random = new Random(13_000 + damage.ordinal()); // the seed: the rows' order and so which rows are damaged
    List<Map<String, Object>> rows = scenarioRows();
    java.util.Collections.shuffle(rows, random);
    damage.rows.accept(rows);
    Map<String, String> columns = archiveColumns();
    damage.schema.accept(columns);
    Path spans = tmp.resolve("spans");
    Path file = Files.createDirectories(spans.resolve("date=" + DAY)).resolve("fuzz-" + damage + ".parquet");
    if (damage == Damage.SCHEMA_DRIFT) {
      Map<String, String> drifted = new LinkedHashMap<>(columns);
      drifted.remove(SpanArchiveSchema.NAME);
      drifted.remove(SpanArchiveSchema.ATTRIBUTES);
      drifted.put("exporter_version", "optional binary %s (STRING);");
      drifted.put(SpanArchiveSchema.START_TIME, "optional int64 %s (DECIMAL(18,0));");
      write(file.resolveSibling("fuzz-drifted.parquet"), drifted, rows.subList(rows.size() / 2, rows.size()));
      write(file, columns, rows.subList(0, rows.size() / 2));
    } else {
      write(file, columns, rows);
    }

    Path out = tmp.resolve("out");
    Throwable failure = null;
    try {
      NightlyRunner.run(spark(), spans, out, DAY);
    } catch (Throwable t) {
      failure = t;
    }
    BadInputException bad = badInput(failure);
    if (failure != null && bad == null) fail(damage + ": would exit 1 (internal error):\n" + stackTrace(failure));
    if (damage.outcome == Outcome.BAD_INPUT) {
      assertTrue(bad != null, damage + ": expected exit 3");
      assertTrue(bad.getMessage().contains(file.getFileName().toString()) && bad.getMessage().contains(damage.column),
          damage + ": names the file and " + damage.column + ": " + bad.getMessage());
      return;
    }
    assertTrue(bad == null, damage + ": expected exit 0, got exit 3: " + (bad == null ? "" : bad.getMessage()));
    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    JsonNode traces = run.get("traces");
    long kept = traces.path("spans").asLong() + traces.path("duplicates_merged").asLong();
    assertEquals(rows.size(), run.get("rows_read").asLong(), damage + ": every row read");
    assertEquals(run.get("rows_read").asLong(), kept + run.get("rows_dropped").asLong(),
        damage + ": rows read = kept + dropped: " + run);
    long droppedByReason = 0;
    for (JsonNode n : run.get("rows_dropped_by_reason")) droppedByReason += n.asLong();
    assertEquals(run.get("rows_dropped").asLong(), droppedByReason, damage + ": dropped = sum by reason");
    assertCounted(damage, run);
  }

  /** The damage shows in run.json where it belongs. */
  private static void assertCounted(Damage damage, JsonNode run) {
    JsonNode traces = run.get("traces");
    JsonNode repairs = run.get("repairs");
    JsonNode dropped = run.get("rows_dropped_by_reason");
    switch (damage) {
      case NULLS_IN_EVERY_COLUMN -> {
        assertTrue(dropped.get("trace_id_missing").asLong() > 0 && dropped.get("span_id_missing").asLong() > 0
            && dropped.get("time_missing").asLong() > 0, run.toString());
        assertTrue(repairs.get("service_missing").asLong() > 0 && repairs.get("kind_unknown").asLong() > 0,
            run.toString());
      }
      case INVALID_UTF8 -> assertTrue(dropped.get("trace_id_invalid").asLong() > 0
          && repairs.get("kind_unknown").asLong() > 0, run.toString());
      case PARENT_CYCLES -> assertTrue(traces.path("cycles_broken").asLong() > 0, run.toString());
      case SELF_PARENTS -> assertTrue(repairs.get("parent_id_self").asLong() > 0, run.toString());
      case DUPLICATE_IDS_DIFFERENT_CONTENT -> assertTrue(traces.path("duplicates_merged").asLong() > 0, run.toString());
      case IDS_AS_PLAIN_BINARY -> assertEquals(0, run.get("rows_dropped").asLong(), "read as strings: " + run);
      case TIMES_AS_DECIMAL -> assertEquals(0, run.get("rows_dropped").asLong(), "read as nanoseconds: " + run);
      case MEGABYTE_NAMES, HUGE_ATTRIBUTE_MAPS -> assertEquals(0, run.get("rows_dropped").asLong(), run.toString());
      case SCHEMA_DRIFT -> {
        assertEquals(0, run.get("rows_dropped").asLong(), run.toString());
        JsonNode missing = run.get("input_columns_missing");
        assertEquals(2, missing.size(), "attributes and name: " + missing);
        for (JsonNode c : missing) {
          assertEquals(1, c.get("files").size(), missing.toString());
          assertTrue(c.get("files").get(0).asText().endsWith("fuzz-drifted.parquet"), missing.toString());
        }
      }
      default -> throw new AssertionError(damage);
    }
  }

  /** The acceptance scenarios' spans as archive rows: every column of {@link #archiveColumns} by name. */
  private static List<Map<String, Object>> scenarioRows() {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<TestTraces.Scenario> scenarios = TestTraces.acceptanceScenarios();
    for (int t = 0; t < scenarios.size(); t++) {
      for (Span s : scenarios.get(t).spans()) {
        Row r = ArchiveFixtures.row(t, s);
        Map<String, Object> row = new LinkedHashMap<>();
        for (String c : archiveColumns().keySet()) row.put(c, r.get(ArchiveFixtures.WITH_DATE.fieldIndex(c)));
        rows.add(row);
      }
    }
    return rows;
  }

  /** Writes the rows with the given declarations, each value converted to its column's physical type. */
  private static void write(Path file, Map<String, String> columns, List<Map<String, Object>> rows)
      throws Exception {
    StringBuilder text = new StringBuilder("message span {\n");
    columns.forEach((name, declaration) -> text.append("  ").append(declaration.formatted(name)).append('\n'));
    MessageType schema = MessageTypeParser.parseMessageType(text.append("}\n").toString());
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toString());
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(path, new Configuration()))
        .withType(schema).build()) {
      for (Map<String, Object> row : rows) {
        Group g = groups.newGroup();
        for (Type field : schema.getFields()) {
          Object value = row.get(field.getName());
          if (value == null) continue;
          if (!field.isPrimitive()) {
            Group map = g.addGroup(field.getName());
            ((Map<?, ?>) value).forEach((k, v) -> map.addGroup("key_value").append("key", (String) k)
                .append("value", (String) v));
            continue;
          }
          append(g, field.getName(), field.asPrimitiveType().getPrimitiveTypeName(), value);
        }
        w.write(g);
      }
    }
  }

  private static void append(Group g, String name, PrimitiveTypeName type, Object value) {
    switch (type) {
      case INT32 -> g.append(name, value instanceof Long l ? (int) (l % 1_000_000_000L) : value.hashCode());
      case INT64 -> g.append(name, value instanceof Long l ? l : (long) value.toString().hashCode());
      case BINARY -> g.append(name, value instanceof Binary b ? b
          : Binary.fromString(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
              : value.toString()));
      default -> throw new IllegalArgumentException(type.toString());
    }
  }

  private static BadInputException badInput(Throwable t) {
    for (; t != null; t = t.getCause()) if (t instanceof BadInputException b) return b;
    return null;
  }

  private static String stackTrace(Throwable t) {
    StringWriter s = new StringWriter();
    t.printStackTrace(new PrintWriter(s));
    return s.toString();
  }
}
