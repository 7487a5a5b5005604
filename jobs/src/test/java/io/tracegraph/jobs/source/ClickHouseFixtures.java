package io.tracegraph.jobs.source;

import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.Span;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes spans as Parquet exports of the Collector's ClickHouse table {@code otel_traces} (column names and contents
 * from the exporter's {@code traces_table.sql}), in two physical shapes real exports take: DateTime64(9) as a
 * TIMESTAMP(NANOS) with a UInt64 Duration and map attributes (written with parquet-hadoop, as Spark cannot write
 * either type), and a microsecond timestamp with an Int64 Duration and JSON-text attributes (the exporter's JSON table
 * variant; written by Spark). Kinds and statuses rotate through the spellings of
 * the exporter versions.
 */
final class ClickHouseFixtures {
  private ClickHouseFixtures() {}

  static final MessageType NANOS_SCHEMA = MessageTypeParser.parseMessageType("""
      message schema {
        optional int64 Timestamp (TIMESTAMP(NANOS,false));
        optional binary TraceId (STRING);
        optional binary SpanId (STRING);
        optional binary ParentSpanId (STRING);
        optional binary TraceState (STRING);
        optional binary SpanName (STRING);
        optional binary SpanKind (STRING);
        optional binary ServiceName (STRING);
        optional group ResourceAttributes (MAP) {
          repeated group key_value { required binary key (STRING); optional binary value (STRING); }
        }
        optional group SpanAttributes (MAP) {
          repeated group key_value { required binary key (STRING); optional binary value (STRING); }
        }
        optional int64 Duration (INTEGER(64,false));
        optional binary StatusCode (STRING);
        optional binary StatusMessage (STRING);
      }
      """);

  static final StructType MICROS_SCHEMA = new StructType()
      .add("Timestamp", DataTypes.TimestampType)
      .add("TraceId", DataTypes.StringType)
      .add("SpanId", DataTypes.StringType)
      .add("ParentSpanId", DataTypes.StringType)
      .add("SpanName", DataTypes.StringType)
      .add("SpanKind", DataTypes.StringType)
      .add("ServiceName", DataTypes.StringType)
      .add("SpanAttributes", DataTypes.StringType) // the JSON table variant: a JSON object
      .add("Duration", DataTypes.LongType)
      .add("StatusCode", DataTypes.StringType)
      .add("StatusMessage", DataTypes.StringType);

  /** A kind as one exporter era spelled it: SPAN_KIND_SERVER, Server or server. */
  static String kind(Span s, int era) {
    String name = s.kind().name();
    return switch (era % 3) {
      case 0 -> "SPAN_KIND_" + name;
      case 1 -> name.charAt(0) + name.substring(1).toLowerCase();
      default -> name.toLowerCase();
    };
  }

  static String status(Span s, int era) {
    String name = s.error() ? "ERROR" : "UNSET";
    return era % 2 == 0 ? "STATUS_CODE_" + name : name.charAt(0) + name.substring(1).toLowerCase();
  }

  /** Writes TIMESTAMP(NANOS) + UInt64 rows with parquet-hadoop. */
  static void writeNanos(Path file, List<Map.Entry<String, Span>> spans) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(NANOS_SCHEMA);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, new Configuration()))
        .withType(NANOS_SCHEMA).build()) {
      int i = 0;
      for (Map.Entry<String, Span> e : spans) {
        Span s = e.getValue();
        Group g = groups.newGroup()
            .append("Timestamp", s.startNanos())
            .append("TraceId", e.getKey())
            .append("SpanId", HexIds.toHex(s.spanId()))
            .append("ParentSpanId", s.hasParent() ? HexIds.toHex(s.parentId()) : "")
            .append("TraceState", "")
            .append("SpanName", s.name())
            .append("SpanKind", kind(s, i))
            .append("ServiceName", s.service())
            .append("Duration", s.durationNanos())
            .append("StatusCode", status(s, i))
            .append("StatusMessage", s.error() ? "failed" : "");
        g.addGroup("ResourceAttributes").addGroup("key_value").append("key", "service.name").append("value", s.service());
        Group attrs = g.addGroup("SpanAttributes");
        attrs.addGroup("key_value").append("key", "http.method").append("value", "GET");
        ArchiveFixtures.attributes(s).forEach((k, v) -> attrs.addGroup("key_value").append("key", k).append("value", v));
        w.write(g);
        i++;
      }
    }
  }

  /** The JSON variant's attributes: a peer as server.address, a database as instrumentation names it. */
  private static String jsonAttributes(Span s) {
    StringBuilder json = new StringBuilder("{");
    if (s.peerIsDatabase()) {
      ArchiveFixtures.attributes(s).forEach((k, v) -> json.append('"').append(k).append("\":\"").append(v).append("\","));
    } else if (s.peer() != null) {
      json.append("\"server.address\":\"").append(s.peer()).append("\",");
    }
    return json.append("\"n\":1}").toString();
  }

  /** Writes microsecond-timestamp + Int64 rows with Spark, into the folder {@code dir}, without columns {@code drop}. */
  static void writeMicros(SparkSession spark, Path dir, List<Map.Entry<String, Span>> spans, String... drop) {
    List<Row> rows = new ArrayList<>();
    int i = 1;
    for (Map.Entry<String, Span> e : spans) {
      Span s = e.getValue();
      Instant start = Instant.ofEpochSecond(0, s.startNanos());
      rows.add(RowFactory.create(Timestamp.from(start), e.getKey().toUpperCase(), HexIds.toHex(s.spanId()),
          s.hasParent() ? HexIds.toHex(s.parentId()) : "", s.name(), kind(s, i), s.service(),
          jsonAttributes(s), s.durationNanos(),
          status(s, i),
          s.error() ? "failed" : ""));
      i++;
    }
    spark.createDataFrame(rows, MICROS_SCHEMA).drop(drop).coalesce(1).write().mode("overwrite").parquet(dir.toString());
  }
}
