package io.tracegraph.jobs.source;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tracegraph.jobs.io.ArchiveReader;
import io.tracegraph.jobs.io.SpanArchiveSchema;
import io.tracegraph.model.RemotePeer;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The column contract between a source and the nightly analysis: the names and order {@link ArchiveReader#read}
 * returns (ids, service and kind as strings, times as int64 Unix nanoseconds, status as a string, the remote peer
 * computed per {@link RemotePeer#KEYS}, the operation name). {@code SummarizeTraces} reads them by position.
 */
public final class SpanColumns {
  private SpanColumns() {}

  public static final List<String> NAMES = List.of(
      SpanArchiveSchema.TRACE_ID, SpanArchiveSchema.SPAN_ID, SpanArchiveSchema.PARENT_SPAN_ID,
      SpanArchiveSchema.SERVICE_NAME, SpanArchiveSchema.KIND, SpanArchiveSchema.START_TIME,
      SpanArchiveSchema.END_TIME, SpanArchiveSchema.STATUS_CODE, ArchiveReader.PEER, SpanArchiveSchema.NAME,
      ArchiveReader.EXTRA_ATTRIBUTES);

  /** True when {@code start} (int64 nanoseconds) lies in the window's read range, or is null (the parser counts it). */
  public static Column inReadRange(Column start, io.tracegraph.model.DayWindow window) {
    return start.isNull().or(start.geq(lit(window.readFromNanos())).and(start.lt(lit(window.readUntilNanos()))));
  }

  /**
   * {@link RemotePeer#of} over a map column of string values: the first non-empty value of the keys, or null.
   */
  public static Column peerFromMap(Column attributes) {
    Column[] candidates = RemotePeer.KEYS.stream()
        .map(key -> {
          Column value = attributes.getItem(key);
          return when(value.notEqual(lit("")), value);
        })
        .toArray(Column[]::new);
    return functions.coalesce(candidates);
  }

  /** Selects the contract columns in order from columns already named as the contract. */
  public static Column[] contract() {
    return NAMES.stream().map(functions::col).toArray(Column[]::new);
  }
}
