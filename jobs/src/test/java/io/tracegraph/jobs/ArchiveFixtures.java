package io.tracegraph.jobs;

import io.tracegraph.jobs.archive.ArchiveSpan;
import io.tracegraph.jobs.archive.SpanArchiveSchema;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.Span;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/** Writes model spans as span archive v1 Parquet (the same schema class the job reads), partitioned by day. */
public final class ArchiveFixtures {
  private ArchiveFixtures() {}

  public static final StructType WITH_DATE = SpanArchiveSchema.STRUCT.add(SpanArchiveSchema.DATE_PARTITION,
      DataTypes.StringType, false);

  /** An archive row of {@code span} in trace {@code traceIndex} (trace id derived from the index). */
  public static Row row(long traceIndex, Span span) {
    return row(traceIndex, span, Map.of());
  }

  /**
   * An archive row of {@code span} in trace {@code traceIndex}, with {@code extraAttributes} (sampling markers, say)
   * besides those the span implies, as instrumentation writes them: a database peer as {@code db.system.name} and
   * its destination as {@code db.namespace}; any other peer as {@code peer.service} and its destination as
   * {@code messaging.destination.name}.
   */
  public static Row row(long traceIndex, Span span, Map<String, String> extraAttributes) {
    return row(traceIndex, span, extraAttributes, null);
  }

  /**
   * As {@link #row(long, Span, Map)}, with span links: each {@code {traceIndex, spanId}} names a span of a fixture
   * trace; null for none.
   */
  public static Row row(long traceIndex, Span span, Map<String, String> extraAttributes, List<long[]> links) {
    List<Row> linkRows = null;
    if (links != null) {
      linkRows = new ArrayList<>();
      for (long[] l : links) linkRows.add(RowFactory.create(traceIdHex(l[0]), HexIds.toHex(l[1])));
    }
    return row(traceIndex, span, extraAttributes, linkRows, true);
  }

  /** The trace id of fixture trace {@code traceIndex}. */
  public static String traceIdHex(long traceIndex) {
    return HexIds.toHex(0x5eed000000000000L | traceIndex, 0x1000000000000000L + traceIndex);
  }

  /** A row whose links are given as stored ({@code (trace_id, span_id)} rows, any spelling). */
  public static Row row(long traceIndex, Span span, Map<String, String> extraAttributes, List<Row> links,
                        boolean asStored) {
    Map<String, String> attributes = new HashMap<>(extraAttributes);
    attributes.putAll(attributes(span));
    Object[] values = {
        traceIdHex(traceIndex),
        HexIds.toHex(span.spanId()),
        span.hasParent() ? HexIds.toHex(span.parentId()) : null,
        span.service(), span.name(), span.kind().name(), span.startNanos(), span.endNanos(),
        span.error() ? "ERROR" : "UNSET", span.error() ? "failed" : null,
        attributes, Map.of("service.name", span.service()), links,
        dayOf(span.startNanos()).toString()};
    return RowFactory.create(values);
  }

  /**
   * The row of an {@link ArchiveSpan} as span archive v1 stores it, with its day (the UTC day of its start, the
   * partition column): what reading back the archive writer's files gives.
   */
  public static Row row(ArchiveSpan s) {
    List<Row> links = new ArrayList<>();
    for (ArchiveSpan.Link l : s.links()) links.add(RowFactory.create(l.traceId(), l.spanId()));
    Object[] values = {s.traceId(), s.spanId(), s.parentSpanId(), s.serviceName(), s.name(), s.kind(), s.startNanos(),
        s.endNanos(), s.statusCode(), s.statusMessage(), CollectionConverters.asScala(s.attributes()),
        CollectionConverters.asScala(s.resourceAttributes()),
        links.isEmpty() ? null : CollectionConverters.asScala(links).toSeq(), dayOf(s.startNanos()).toString()};
    return new GenericRowWithSchema(values, WITH_DATE);
  }

  /** The attributes instrumentation writes for what {@code span} says of its peer and destination. */
  public static Map<String, String> attributes(Span span) {
    Map<String, String> attributes = new HashMap<>();
    if (span.peerIsDatabase()) {
      if (span.peer() != null) attributes.put("db.system.name", span.peer());
      if (span.destination() != null) attributes.put("db.namespace", span.destination());
    } else {
      if (span.peer() != null) attributes.put("peer.service", span.peer());
      if (span.destination() != null) attributes.put("messaging.destination.name", span.destination());
    }
    return attributes;
  }

  public static LocalDate dayOf(long nanos) {
    return Instant.ofEpochSecond(0, nanos).atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** Writes the traces (trace i gets a trace id derived from i) under {@code root}, appending. */
  public static void write(SparkSession spark, Path root, List<List<Span>> traces) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < traces.size(); i++) {
      for (Span span : traces.get(i)) rows.add(row(i, span));
    }
    writeRows(spark, root, rows);
  }

  /** Writes raw rows of {@link #WITH_DATE} under {@code root}, appending. */
  public static void writeRows(SparkSession spark, Path root, List<Row> rows) {
    spark.createDataFrame(rows, WITH_DATE).coalesce(1).write().mode("append")
        .partitionBy(SpanArchiveSchema.DATE_PARTITION).parquet(root.toString());
  }

  /** A raw row with the given values for trace_id ... status_code and no attributes, in day {@code day}. */
  public static Row rawRow(String traceId, String spanId, String parentId, String service, String kind,
                           Long start, Long end, String status, LocalDate day) {
    return RowFactory.create(traceId, spanId, parentId, service, "op", kind, start, end, status, null,
        Map.of(), Map.of(), null, day.toString());
  }

  static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }
}
