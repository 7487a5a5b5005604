package io.tracegraph.jobs.source;

import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.SpanExtras;
import io.tracegraph.model.SpanRowParser;
import java.util.HashMap;
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
        extras.samplingPriority(), extras.samplerType(), extras.samplerParam());
  }

  private String intern(String s) {
    return s == null ? null : names.computeIfAbsent(s, k -> k);
  }
}
