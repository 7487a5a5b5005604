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
  /** Computed from the attributes: the peer is a database ({@link SpanExtras#DATABASE_KEYS}); null means false. */
  public static final String PEER_IS_DATABASE = "peer_is_database";
  /** Computed from the attributes: the messaging destination ({@link SpanExtras#DESTINATION_KEYS}). */
  public static final String DESTINATION = "destination";
  /** Raw sampling markers from the attributes ({@link SpanExtras}), null when absent. */
  public static final String TRACESTATE = "tracestate";
  public static final String SAMPLING_PRIORITY = "sampling_priority";
  public static final String SAMPLER_TYPE = "sampler_type";
  public static final String SAMPLER_PARAM = "sampler_param";

  private ArchiveReader() {}

  /**
   * Rows of {@code files} starting inside {@code window}'s read range, with columns trace_id, span_id,
   * parent_span_id, service_name, kind, start_time_unix_nano, end_time_unix_nano, status_code, peer, name (in this
   * order: every span source returns exactly these), then peer_is_database, destination, tracestate,
   * sampling_priority, sampler_type, sampler_param (read by name). Rows with a
   * null start are kept (the parser drops and counts them).
   */
  public static Dataset<Row> read(SparkSession spark, List<String> files, DayWindow window) {
    Dataset<Row> raw = spark.read()
        .schema(SpanArchiveSchema.select(COLUMNS))
        .parquet(files.toArray(String[]::new));
    Column start = col(SpanArchiveSchema.START_TIME);
    Column inWindow = start.isNull()
        .or(start.geq(lit(window.readFromNanos())).and(start.lt(lit(window.readUntilNanos()))));
    return raw.where(inWindow).select(
        col(SpanArchiveSchema.TRACE_ID), col(SpanArchiveSchema.SPAN_ID), col(SpanArchiveSchema.PARENT_SPAN_ID),
        col(SpanArchiveSchema.SERVICE_NAME), col(SpanArchiveSchema.KIND), start,
        col(SpanArchiveSchema.END_TIME), col(SpanArchiveSchema.STATUS_CODE), peerColumn().as(PEER),
        col(SpanArchiveSchema.NAME),
        functions.arrays_overlap(functions.map_keys(col(SpanArchiveSchema.ATTRIBUTES)), literals(SpanExtras.DATABASE_KEYS))
            .as(PEER_IS_DATABASE),
        firstOf(SpanExtras.DESTINATION_KEYS).as(DESTINATION),
        sampling(firstOf(SpanExtras.TRACESTATE_KEYS)).as(TRACESTATE),
        sampling(col(SpanArchiveSchema.ATTRIBUTES).getItem(SpanExtras.SAMPLING_PRIORITY_KEY)).as(SAMPLING_PRIORITY),
        sampling(col(SpanArchiveSchema.ATTRIBUTES).getItem(SpanExtras.SAMPLER_TYPE_KEY)).as(SAMPLER_TYPE),
        sampling(col(SpanArchiveSchema.ATTRIBUTES).getItem(SpanExtras.SAMPLER_PARAM_KEY)).as(SAMPLER_PARAM));
  }

  private static Column literals(List<String> keys) {
    return functions.array(keys.stream().map(functions::lit).toArray(Column[]::new));
  }

  /** The first non-empty value of {@code keys}, looked up only in maps holding one of them (one key scan to tell). */
  private static Column firstOf(List<String> keys) {
    Column attributes = col(SpanArchiveSchema.ATTRIBUTES);
    Column[] candidates = keys.stream()
        .map(key -> when(attributes.getItem(key).notEqual(lit("")), attributes.getItem(key)))
        .toArray(Column[]::new);
    Column first = candidates.length == 1 ? candidates[0] : functions.coalesce(candidates);
    return when(functions.arrays_overlap(functions.map_keys(attributes), literals(keys)), first);
  }

  /** {@code value}, looked up only in maps holding a sampling marker, which most archives never do. */
  private static Column sampling(Column value) {
    return when(functions.arrays_overlap(functions.map_keys(col(SpanArchiveSchema.ATTRIBUTES)),
        literals(SpanExtras.SAMPLING_KEYS)), value);
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
