package io.tracegraph.jobs.source;

import io.tracegraph.model.HexIds;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.SpanExtras;
import io.tracegraph.model.SpanRowParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.MapData;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads rows of the span contract ({@link SpanColumns}) by name into the model's {@link SpanRowParser}: the column
 * positions are looked up once in the rows' schema, so a row may carry more columns (the trace hash) in any order.
 * Service, operation, peer and destination names are interned per reader, one String per distinct name, since the
 * trees of a partition repeat the same few hundred names millions of times. Not thread-safe: one reader per task.
 *
 * <p>Two kinds of rows: Spark's {@link InternalRow}s, as the nightly analysis iterates them (its hot path: the ids are
 * parsed straight from their UTF-8 bytes, {@link Utf8Chars}, and a name becomes a {@code String} only the first time
 * the reader meets it), and external {@link Row}s, for the readers of a few rows. Both parse the same way.
 */
public final class SpanRowReader {
  private final int traceId;
  private final int spanId;
  private final int parentSpanId;
  private final int serviceName;
  private final int kind;
  private final int start;
  private final int end;
  private final int statusCode;
  private final int peer;
  private final int name;
  private final int extraAttributes;
  private final int links; // -1: the rows carry no span links
  private final Map<UTF8String, String> names = new HashMap<>(); // keys own their bytes (copied on a miss)
  private final Utf8Chars traceIdChars = new Utf8Chars();
  private final Utf8Chars spanIdChars = new Utf8Chars();
  private final Utf8Chars parentSpanIdChars = new Utf8Chars();

  private SpanRowReader(StructType schema) {
    traceId = schema.fieldIndex(SpanColumns.TRACE_ID);
    spanId = schema.fieldIndex(SpanColumns.SPAN_ID);
    parentSpanId = schema.fieldIndex(SpanColumns.PARENT_SPAN_ID);
    serviceName = schema.fieldIndex(SpanColumns.SERVICE_NAME);
    kind = schema.fieldIndex(SpanColumns.KIND);
    start = schema.fieldIndex(SpanColumns.START_TIME);
    end = schema.fieldIndex(SpanColumns.END_TIME);
    statusCode = schema.fieldIndex(SpanColumns.STATUS_CODE);
    peer = schema.fieldIndex(SpanColumns.PEER);
    name = schema.fieldIndex(SpanColumns.NAME);
    extraAttributes = schema.fieldIndex(SpanColumns.EXTRA_ATTRIBUTES);
    links = schema.getFieldIndex(SpanColumns.LINKS).getOrElse(() -> -1);
  }

  /** A reader of rows with this schema; fails naming the column when a contract column is missing. */
  public static SpanRowReader of(StructType schema) {
    if (schema == null) throw new IllegalArgumentException("rows without a schema: the span contract is read by name");
    return new SpanRowReader(schema);
  }

  /** Parses one row: a span, or the reason it was dropped, with its repairs (the model counts both). */
  public ParsedRow parse(Row r) {
    return SpanRowParser.parse(r.getString(traceId), r.getString(spanId), r.getString(parentSpanId),
        intern(r.getString(serviceName)), intern(r.getString(name)), r.getString(kind),
        r.isNullAt(start) ? null : r.getLong(start), r.isNullAt(end) ? null : r.getLong(end), r.getString(statusCode),
        intern(r.getString(peer)), extras(r));
  }

  /**
   * Parses one row of Spark's internal form (the columns at the positions of this reader's schema). The row may be
   * reused by Spark after this returns: nothing of it is kept.
   */
  public ParsedRow parse(InternalRow r) {
    return SpanRowParser.parse(traceIdChars.over(text(r, traceId)), spanIdChars.over(text(r, spanId)),
        parentSpanIdChars.over(text(r, parentSpanId)), name(r, serviceName), name(r, name), name(r, kind),
        r.isNullAt(start) ? null : r.getLong(start), r.isNullAt(end) ? null : r.getLong(end), name(r, statusCode),
        name(r, peer), r.isNullAt(extraAttributes) ? null : extras(javaMap(r.getMap(extraAttributes))));
  }

  /** What the attributes said besides the peer; null (no map) for the many rows where they said nothing. */
  private SpanExtras extras(Row r) {
    return r.isNullAt(extraAttributes) ? null : extras(r.getJavaMap(extraAttributes));
  }

  private SpanExtras extras(Map<String, String> attributes) {
    SpanExtras extras = SpanExtras.of(attributes);
    if (extras == null || extras.destination() == null) return extras;
    return new SpanExtras(extras.peerIsDatabase(), intern(extras.destination()), extras.tracestate(),
        extras.samplingPriority(), extras.samplerType(), extras.samplerParam(), extras.resendCount());
  }

  /**
   * A row's span links ({@value SpanColumns#LINKS}).
   *
   * @param triples the readable links as (traceHigh, traceLow, spanId) triples, in the row's order
   * @param unreadable links whose trace or span id is missing, not hex, or zero: left out, to be counted
   */
  public record Links(long[] triples, int unreadable) {
    static final Links NONE = new Links(new long[0], 0);

    public boolean isEmpty() {
      return triples.length == 0 && unreadable == 0;
    }
  }

  /** The span links of a row: {@link Links#isEmpty() empty} for the rows without (and rows that carry no links). */
  public Links links(Row r) {
    if (links < 0 || r.isNullAt(links)) return Links.NONE;
    List<Row> list = r.getList(links);
    return list.isEmpty() ? Links.NONE : links(list);
  }

  private static Links links(List<Row> list) {
    long[] triples = new long[3 * list.size()];
    int n = 0;
    int unreadable = 0;
    for (Row link : list) {
      long[] ref = link == null ? null : linkRef(link.getString(0), link.getString(1));
      if (ref == null) {
        unreadable++;
        continue;
      }
      System.arraycopy(ref, 0, triples, n, 3);
      n += 3;
    }
    return new Links(n == triples.length ? triples : Arrays.copyOf(triples, n), unreadable);
  }

  /** The span links of a row of Spark's internal form, as {@link #links(Row)} reads them. */
  public Links links(InternalRow r) {
    if (links < 0 || r.isNullAt(links)) return Links.NONE;
    ArrayData list = r.getArray(links);
    if (list.numElements() == 0) return Links.NONE;
    List<Row> rows = new ArrayList<>(list.numElements());
    for (int i = 0; i < list.numElements(); i++) {
      InternalRow link = list.isNullAt(i) ? null : list.getStruct(i, 2);
      rows.add(link == null ? null : RowFactory.create(string(link, 0), string(link, 1)));
    }
    return links(rows);
  }

  /**
   * A link's (traceHigh, traceLow, spanId), or null when an id is missing, not hex, or zero. Any letter case and the
   * 16-digit spelling of a trace id read as the spans' own ids do ({@link HexIds}).
   */
  public static long[] linkRef(String traceId, String spanId) {
    if (!HexIds.isHex(traceId, 32) || !HexIds.isHex(spanId, 16)) return null;
    long high = HexIds.traceHigh(traceId);
    long low = HexIds.traceLow(traceId);
    long span = HexIds.low64(spanId, spanId.length());
    if ((high == 0 && low == 0) || span == 0) return null;
    return new long[] {high, low, span};
  }

  private String intern(String s) {
    if (s == null) return null;
    String interned = names.putIfAbsent(UTF8String.fromString(s), s);
    return interned == null ? s : interned;
  }

  /** The interned name in a column of an internal row: decoded, and its bytes copied, only on the first meeting. */
  private String name(InternalRow r, int column) {
    UTF8String bytes = text(r, column);
    if (bytes == null) return null;
    String interned = names.get(bytes);
    if (interned == null) {
      interned = bytes.toString();
      names.put(bytes.copy(), interned);
    }
    return interned;
  }

  private static UTF8String text(InternalRow r, int column) {
    return r.isNullAt(column) ? null : r.getUTF8String(column);
  }

  private static String string(InternalRow r, int column) {
    return r.isNullAt(column) ? null : r.getUTF8String(column).toString();
  }

  /** A map column of an internal row as a Java map (the rare rows with extra attributes); the last duplicate key wins. */
  private static Map<String, String> javaMap(MapData map) {
    ArrayData keys = map.keyArray();
    ArrayData values = map.valueArray();
    Map<String, String> javaMap = new HashMap<>();
    for (int i = 0; i < map.numElements(); i++) javaMap.put(keys.getUTF8String(i).toString(), string(values, i));
    return javaMap;
  }

  private static String string(ArrayData values, int i) {
    return values.isNullAt(i) ? null : values.getUTF8String(i).toString();
  }
}
