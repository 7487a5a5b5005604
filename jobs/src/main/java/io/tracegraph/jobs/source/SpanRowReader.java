package io.tracegraph.jobs.source;

import io.tracegraph.model.HexIds;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.SpanExtras;
import io.tracegraph.model.SpanRowParser;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Reads rows of the span contract ({@link SpanColumns}) by name into the model's {@link SpanRowParser}: the column
 * positions are looked up once in the rows' schema, so a row may carry more columns (the trace hash) in any order.
 * Service, operation, peer and destination names are interned per reader, one String per distinct name, since the
 * trees of a partition repeat the same few hundred names millions of times. Not thread-safe: one reader per task.
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
  private final Map<String, String> names = new HashMap<>();

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

  /** What the attributes said besides the peer; null (no map) for the many rows where they said nothing. */
  private SpanExtras extras(Row r) {
    if (r.isNullAt(extraAttributes)) return null;
    SpanExtras extras = SpanExtras.of(r.getJavaMap(extraAttributes));
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
    if (list.isEmpty()) return Links.NONE;
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
    return s == null ? null : names.computeIfAbsent(s, k -> k);
  }
}
