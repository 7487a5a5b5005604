package io.tracegraph.jobs.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tracegraph.model.DayWindow;
import io.tracegraph.model.RemotePeer;
import io.tracegraph.model.SpanExtras;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Reads span archive v1 for the link and tree jobs: only the columns they need, only the rows whose start lies in
 * the window (pushed down to Parquet row-group statistics), and the remote peer computed from the attribute map in
 * the scan, so the map never becomes a Java object.
 */
public final class ArchiveReader {
  /** Columns read from the files; {@code attributes} only for the peer lookup. */
  public static final List<String> COLUMNS = List.of(
      SpanArchiveSchema.TRACE_ID, SpanArchiveSchema.SPAN_ID, SpanArchiveSchema.PARENT_SPAN_ID,
      SpanArchiveSchema.SERVICE_NAME, SpanArchiveSchema.KIND, SpanArchiveSchema.START_TIME,
      SpanArchiveSchema.END_TIME, SpanArchiveSchema.STATUS_CODE, SpanArchiveSchema.ATTRIBUTES,
      SpanArchiveSchema.NAME);

  /** Name of the computed remote-peer column. */
  public static final String PEER = "peer";
  /**
   * The attribute map, only for rows holding a key of {@link SpanExtras#KEYS} (database, messaging destination,
   * sampling markers), else null: the few rows that need it become Java maps, the others cost one key scan.
   */
  public static final String EXTRA_ATTRIBUTES = "extra_attributes";

  private ArchiveReader() {}

  /** {@link #read(SparkSession, List, DayWindow, boolean)} without the {@code links} column. */
  public static Dataset<Row> read(SparkSession spark, List<String> files, DayWindow window) {
    return read(spark, files, window, false);
  }

  /**
   * Rows of {@code files} starting inside {@code window}'s read range, with columns trace_id, span_id,
   * parent_span_id, service_name, kind, start_time_unix_nano, end_time_unix_nano, status_code, peer, name (in this
   * order: every span source returns exactly these), then extra_attributes and, with {@code links}, the span links
   * as stored (both read by name). Rows with a null start are kept (the parser drops and counts them).
   */
  public static Dataset<Row> read(SparkSession spark, List<String> files, DayWindow window, boolean links) {
    List<String> columns = new java.util.ArrayList<>(COLUMNS);
    if (links) columns.add(SpanArchiveSchema.LINKS);
    Dataset<Row> raw = spark.read()
        .schema(SpanArchiveSchema.select(columns))
        .parquet(files.toArray(String[]::new));
    Column start = col(SpanArchiveSchema.START_TIME);
    Column inWindow = start.isNull()
        .or(start.geq(lit(window.readFromNanos())).and(start.lt(lit(window.readUntilNanos()))));
    List<Column> selected = new java.util.ArrayList<>(List.of(
        col(SpanArchiveSchema.TRACE_ID), col(SpanArchiveSchema.SPAN_ID), col(SpanArchiveSchema.PARENT_SPAN_ID),
        col(SpanArchiveSchema.SERVICE_NAME), col(SpanArchiveSchema.KIND), start,
        col(SpanArchiveSchema.END_TIME), col(SpanArchiveSchema.STATUS_CODE), peerColumn().as(PEER),
        col(SpanArchiveSchema.NAME),
        extraAttributesColumn().as(EXTRA_ATTRIBUTES)));
    if (links) selected.add(col(SpanArchiveSchema.LINKS));
    return raw.where(inWindow).select(selected.toArray(Column[]::new));
  }

  /**
   * The attribute map when it holds a key of {@link SpanExtras#KEYS}, else null. One small expression on purpose:
   * per-key lookups here would grow the scan's generated method past the 8000 bytes HotSpot compiles, and the whole
   * scan would run interpreted (measured: 2.5 times slower).
   */
  static Column extraAttributesColumn() {
    return extraAttributes(col(SpanArchiveSchema.ATTRIBUTES));
  }

  /** {@link #extraAttributesColumn} over any map<string,string> column of span attributes (for other sources). */
  public static Column extraAttributes(Column attributes) {
    Column keys = functions.array(SpanExtras.KEYS.stream().map(functions::lit).toArray(Column[]::new));
    return when(functions.arrays_overlap(functions.map_keys(attributes), keys), attributes);
  }

  /**
   * {@link RemotePeer#of} as a column: the first non-empty value of {@link RemotePeer#KEYS}. Each key lookup scans
   * the map's keys, so the lookups run only for the rows whose map holds one of the keys at all (one scan to tell),
   * which most server and internal spans do not.
   */
  static Column peerColumn() {
    Column attributes = col(SpanArchiveSchema.ATTRIBUTES);
    Column[] candidates = RemotePeer.KEYS.stream()
        .map(key -> {
          Column value = attributes.getItem(key);
          return when(value.notEqual(lit("")), value);
        })
        .toArray(Column[]::new);
    Column peerKeys = functions.array(RemotePeer.KEYS.stream().map(functions::lit).toArray(Column[]::new));
    return when(functions.arrays_overlap(functions.map_keys(attributes), peerKeys), functions.coalesce(candidates));
  }
}
