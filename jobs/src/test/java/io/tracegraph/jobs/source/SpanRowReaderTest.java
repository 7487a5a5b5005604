package io.tracegraph.jobs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.model.DropReason;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.Repair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * The nightly analysis reads Spark's internal rows, ids straight from their UTF-8 bytes; the trace lookup and the tools
 * read external {@link Row}s as {@code String}s. Both must read every row alike: the same spans, the same drops, the
 * same repairs. Each row here is read both ways, the external row converted from the internal one as Spark converts
 * it, over the ids, names and attributes that real archives get wrong.
 */
class SpanRowReaderTest {
  static final StructType SCHEMA = SpanColumns.SCHEMA
      .add(SpanColumns.LINKS, DataTypes.createArrayType(new StructType()
          .add("trace_id", DataTypes.StringType).add("span_id", DataTypes.StringType)))
      .add("_trace_hash", DataTypes.LongType);

  static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  static final List<String> TRACE_IDS = Arrays.asList(TRACE, TRACE.toUpperCase(), "0AF7651916cd43dd8448eb211c80319C",
      "8448eb211c80319c", "abc", TRACE + "0", "", null, "0".repeat(32), "0af7651916cd43dd8448eb211c80319g",
      "0af7651916cd43dd8448eb211c8031é", "0af7651916cd43dd8448eb211c8031\uFF21", "0af7651916cd43dd8448eb211c8031\u0663",
      " " + TRACE.substring(1), "é".repeat(16));
  static final List<String> SPAN_IDS = Arrays.asList("b7ad6b7169203331", "B7AD6B7169203331", "7169203331", "",
      null, "0000000000000000", "b7ad6b71692033310", "b7ad6b716920333z", "b7ad6b716920333é", "ｂ7ad6b7169203331");
  static final List<String> PARENT_IDS = Arrays.asList(null, "", "0000000000000000", "b7ad6b7169203331",
      "00f067aa0ba902b7", "00F067AA0BA902B7", "f067aa0ba902b7", "xyz", "00f067aa0ba902b7ff", "00f067aa0ba902bé");

  @Test
  void internalAndExternalRowsParseAlike() {
    SpanRowReader internal = SpanRowReader.of(SCHEMA);
    SpanRowReader external = SpanRowReader.of(SCHEMA);
    Set<DropReason> drops = new HashSet<>();
    Set<Integer> repairs = new HashSet<>();
    int rows = 0;
    for (String trace : TRACE_IDS) {
      for (String span : SPAN_IDS) {
        for (String parent : PARENT_IDS) {
          InternalRow row = row(trace, span, parent, rows);
          ParsedRow parsed = internal.parse(row);
          assertEquals(external.parse(external(row)), parsed, "trace " + trace + " span " + span + " parent " + parent);
          if (parsed.isDropped()) drops.add(parsed.dropped());
          repairs.add(parsed.repairs());
          rows++;
        }
      }
    }
    // the rows reach every id verdict, so agreement is not vacuous
    assertEquals(Set.of(DropReason.TRACE_ID_MISSING, DropReason.TRACE_ID_INVALID, DropReason.SPAN_ID_MISSING,
        DropReason.SPAN_ID_INVALID, DropReason.TIME_MISSING, DropReason.END_BEFORE_START), drops);
    for (Repair r : List.of(Repair.ID_UPPER_CASE, Repair.TRACE_ID_PADDED, Repair.SPAN_ID_PADDED, Repair.PARENT_ID_SELF,
        Repair.PARENT_ID_INVALID, Repair.KIND_SPELLING, Repair.KIND_UNKNOWN, Repair.STATUS_SPELLING,
        Repair.STATUS_UNKNOWN, Repair.SERVICE_MISSING)) {
      assertTrue(repairs.stream().anyMatch(bits -> (bits & r.bit()) != 0), "some row repairs " + r);
    }
  }

  @Test
  void namesAreDecodedOncePerReaderAndKeptWhenSparkReusesTheRowsBytes() {
    SpanRowReader reader = SpanRowReader.of(SCHEMA);
    byte[] bytes = "checkoüt".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    GenericInternalRow row = (GenericInternalRow) row(TRACE, "b7ad6b7169203331", null, 0);
    row.update(3, UTF8String.fromBytes(bytes)); // service_name over a buffer Spark would reuse for the next row
    String first = reader.parse(row).span().service();
    Arrays.fill(bytes, (byte) 'x');
    row.update(3, UTF8String.fromString("checkoüt"));
    String second = reader.parse(row).span().service();
    assertEquals("checkoüt", first);
    assertSame(first, second, "one String per distinct name");
  }

  @Test
  void linksReadAlike() {
    SpanRowReader reader = SpanRowReader.of(SCHEMA);
    InternalRow row = row(TRACE, "b7ad6b7169203331", null, 1);
    SpanRowReader.Links internal = reader.links(row);
    SpanRowReader.Links external = reader.links(external(row));
    assertEquals(2, internal.triples().length / 3);
    assertEquals(2, internal.unreadable());
    assertEquals(Arrays.toString(external.triples()), Arrays.toString(internal.triples()));
    assertEquals(external.unreadable(), internal.unreadable());
  }

  /** A row with these ids; the other columns vary with {@code i} over the spellings the parser repairs. */
  static InternalRow row(String trace, String span, String parent, int i) {
    String[] kinds = {"SERVER", "SPAN_KIND_CLIENT", "client", "3", "bogus", null};
    String[] statuses = {"ERROR", "STATUS_CODE_OK", null, "weird", "UNSET"};
    String[] services = {"checkout", "", null, "paiement-é", "cart"};
    Object[] values = new Object[SCHEMA.size()];
    values[0] = text(trace);
    values[1] = text(span);
    values[2] = text(parent);
    values[3] = text(services[i % services.length]);
    values[4] = text(kinds[i % kinds.length]);
    values[5] = i % 7 == 6 ? null : 1_000L * i;
    values[6] = i % 11 == 10 ? null : 1_000L * i + (i % 13 == 12 ? -1 : 500);
    values[7] = text(statuses[i % statuses.length]);
    values[8] = i % 3 == 0 ? text("db-" + i % 4) : null;
    values[9] = text("GET /item/" + i % 5);
    values[10] = i % 4 == 1 ? map("db.system", "postgresql", "db.name", "orders", "db.name", "orders-2",
        "sampling.priority", null) : i % 4 == 2 ? map("messaging.destination.name", "topic-" + i % 3) : null;
    values[11] = i % 5 == 1 ? new GenericArrayData(new Object[] {
        link("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"), null, link("zz", "00f067aa0ba902b7"),
        link("4BF92F3577B34DA6", "00F067AA0BA902B7")}) : null;
    values[12] = 42L;
    return new GenericInternalRow(values);
  }

  static Row external(InternalRow row) {
    return (Row) CatalystTypeConverters.convertToScala(row, SCHEMA);
  }

  private static UTF8String text(String s) {
    return s == null ? null : UTF8String.fromString(s);
  }

  private static ArrayBasedMapData map(String... keysAndValues) {
    List<Object> keys = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      keys.add(text(keysAndValues[i]));
      values.add(text(keysAndValues[i + 1]));
    }
    return new ArrayBasedMapData(new GenericArrayData(keys.toArray()), new GenericArrayData(values.toArray()));
  }

  private static InternalRow link(String trace, String span) {
    return new GenericInternalRow(new Object[] {text(trace), text(span)});
  }
}
