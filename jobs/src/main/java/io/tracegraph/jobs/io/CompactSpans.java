package io.tracegraph.jobs.io;

import io.tracegraph.model.DropReason;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.Span;
import io.tracegraph.model.SpanKind;
import io.tracegraph.model.SpanRowParser;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spans as compact rows between the read and the shuffle: ids as longs (a trace id is two), the kind as its
 * ordinal, the status as a flag. A row that could not be read keeps only its drop reason; {@code repairs} is the
 * {@link io.tracegraph.model.Repair} bit mask. Every row meaning is decided by {@link SpanRowParser}.
 */
public final class CompactSpans {
  public static final String TRACE_HIGH = "trace_hi";
  public static final String TRACE_LOW = "trace_lo";
  public static final String DROPPED = "dropped";
  public static final String REPAIRS = "repairs";

  public static final StructType SCHEMA = new StructType()
      .add(TRACE_HIGH, DataTypes.LongType, false)
      .add(TRACE_LOW, DataTypes.LongType, false)
      .add("span_id", DataTypes.LongType, false)
      .add("parent_id", DataTypes.LongType, false)
      .add("service", DataTypes.StringType, true)
      .add("kind", DataTypes.ByteType, false)
      .add("start", DataTypes.LongType, false)
      .add("end", DataTypes.LongType, false)
      .add("error", DataTypes.BooleanType, false)
      .add("peer", DataTypes.StringType, true)
      .add(DROPPED, DataTypes.StringType, true)
      .add(REPAIRS, DataTypes.IntegerType, false);

  public static final Encoder<Row> ENCODER = Encoders.row(SCHEMA);

  private static final SpanKind[] KINDS = SpanKind.values();

  private CompactSpans() {}

  /** Parses archive rows (columns as {@link ArchiveReader#read}) into compact rows. */
  public static final class FromArchive implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          return toCompact(rows.next());
        }
      };
    }
  }

  static Row toCompact(Row r) {
    ParsedRow parsed = SpanRowParser.parse(r.getString(0), r.getString(1), r.getString(2), r.getString(3), null,
        r.getString(4), r.isNullAt(5) ? null : r.getLong(5), r.isNullAt(6) ? null : r.getLong(6),
        r.getString(7), r.getString(8));
    if (parsed.isDropped()) return dropped(parsed.dropped());
    Span s = parsed.span();
    return RowFactory.create(parsed.traceHigh(), parsed.traceLow(), s.spanId(), s.parentId(), s.service(),
        (byte) s.kind().ordinal(), s.startNanos(), s.endNanos(), s.error(), s.peer(), null, parsed.repairs());
  }

  private static Row dropped(DropReason reason) {
    return RowFactory.create(0L, 0L, 0L, 0L, null, (byte) 0, 0L, 0L, false, null, reason.key(), 0);
  }

  /**
   * The span of a compact row that was not dropped. Service and peer names go through {@code names}, so a trace
   * holds one String per distinct name rather than one per span.
   */
  public static Span toSpan(Row r, Map<String, String> names) {
    return new Span(r.getLong(2), r.getLong(3), intern(r.getString(4), names), "", KINDS[r.getByte(5)],
        r.getLong(6), r.getLong(7), r.getBoolean(8), intern(r.getString(9), names));
  }

  private static String intern(String s, Map<String, String> names) {
    return s == null ? null : names.computeIfAbsent(s, k -> k);
  }
}
