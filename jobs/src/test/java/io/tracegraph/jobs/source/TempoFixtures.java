package io.tracegraph.jobs.source;

import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.Span;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Builds Tempo blocks ({@code <tenant>/<blockID>/meta.json + data.parquet}) from the documented schema (Tempo's
 * {@code vparquet4/schema.go}, {@code vparquet5/schema.go}; facts in shared/notes/trace-formats.md), not from Tempo's
 * test data. One row per trace, spans grouped per service into resource spans, ids as bytes, kind and status as OTLP
 * numbers, a span's peer in the block's dedicated column when its meta maps {@code peer.service}, else in
 * {@code Attrs}.
 *
 * <p>vParquet4 blocks are written by Spark (3-level lists; unsigned times as decimal(20,0), which is what Spark reads
 * Tempo's unsigned int64 as). vParquet5 blocks use bare repeated fields and unsigned int64, which Spark cannot write,
 * so they are written with parquet-hadoop's example writer.
 */
final class TempoFixtures {
  private TempoFixtures() {}

  /** A span of a trace, to place in a block. */
  record TraceSpan(String traceId, Span span) {}

  static final StructType ATTR_V4 = new StructType()
      .add("Key", DataTypes.StringType)
      .add("IsArray", DataTypes.BooleanType)
      .add("Value", new ArrayType(DataTypes.StringType, true))
      .add("ValueInt", new ArrayType(DataTypes.LongType, true));

  static final StructType SPAN_V4 = new StructType()
      .add("SpanID", DataTypes.BinaryType)
      .add("ParentSpanID", DataTypes.BinaryType)
      .add("ParentID", DataTypes.IntegerType)
      .add("Name", DataTypes.StringType)
      .add("Kind", DataTypes.LongType)
      .add("StartTimeUnixNano", TempoSchema.UINT64)
      .add("DurationNano", TempoSchema.UINT64)
      .add("StatusCode", DataTypes.LongType)
      .add("Attrs", new ArrayType(ATTR_V4, true))
      .add("DedicatedAttributes", TempoSchema.dedicated(false))
      .add("HttpMethod", DataTypes.StringType);

  static final StructType TRACE_V4 = new StructType()
      .add("TraceID", DataTypes.BinaryType)
      .add("TraceIDText", DataTypes.StringType)
      .add("rs", new ArrayType(new StructType()
          .add("Resource", new StructType().add("ServiceName", DataTypes.StringType)
              .add("Attrs", new ArrayType(ATTR_V4, true)))
          .add("ss", new ArrayType(new StructType()
              .add("Scope", new StructType().add("Name", DataTypes.StringType))
              .add("Spans", new ArrayType(SPAN_V4, true)), true)), true));

  static final MessageType SCHEMA_V5 = MessageTypeParser.parseMessageType("""
      message Trace {
        required binary TraceID;
        required binary TraceIDText (STRING);
        repeated group rs {
          required group Resource {
            required binary ServiceName (STRING);
          }
          repeated group ss {
            required group Scope { required binary Name (STRING); }
            repeated group Spans {
              required binary SpanID;
              required binary ParentSpanID;
              required int32 ParentID;
              required binary Name (STRING);
              required int64 Kind;
              required int64 StartTimeUnixNano (INTEGER(64,false));
              required int64 DurationNano (INTEGER(64,false));
              required int64 StatusCode;
              repeated group Attrs {
                required binary Key (STRING);
                required boolean IsArray;
                repeated binary Value (STRING);
                repeated int64 ValueInt;
              }
              required group DedicatedAttributes {
                repeated binary String01 (STRING);
                repeated binary String02 (STRING);
                repeated binary String03 (STRING);
                repeated int64 Int01;
              }
              required int32 ChildCount;
            }
          }
        }
      }
      """);

  /** Writes {@code meta.json}, or {@code meta.compacted.json} when {@code compacted}. */
  static void writeMeta(Path block, String version, List<TraceSpan> spans, String dedicatedColumnsJson, boolean compacted)
      throws IOException {
    long min = spans.stream().mapToLong(s -> s.span().startNanos()).min().orElseThrow();
    long max = spans.stream().mapToLong(s -> s.span().endNanos()).max().orElseThrow();
    String meta = "{\"format\":\"" + version + "\",\"blockID\":\"" + block.getFileName() + "\",\"tenantID\":\""
        + block.getParent().getFileName() + "\",\"startTime\":\"" + Instant.ofEpochSecond(min / 1_000_000_000L)
        + "\",\"endTime\":\"" + Instant.ofEpochSecond(max / 1_000_000_000L) + "\",\"totalObjects\":"
        + byTrace(spans).size() + ",\"compactionLevel\":0,\"dedicatedColumns\":" + dedicatedColumnsJson + "}";
    Files.createDirectories(block);
    Files.writeString(block.resolve(compacted ? "meta.compacted.json" : "meta.json"), meta);
  }

  /** Writes a vParquet4 data.parquet with Spark; {@code peerColumn} is the spare column of peer.service, or null. */
  static void writeV4(SparkSession spark, Path block, List<TraceSpan> spans, String peerColumn) throws IOException {
    writeV4WithSpareColumns(spark, block, spans, spareColumns(peerColumn));
  }

  private static Map<String, String> spareColumns(String peerColumn) {
    return peerColumn == null ? Map.of() : Map.of("peer.service", peerColumn);
  }

  /**
   * Writes a vParquet4 data.parquet with Spark. Each span's attributes are those instrumentation writes
   * ({@link ArchiveFixtures#attributes}); those named in {@code spareColumns} (attribute → {@code StringNN}) go to
   * that dedicated column, the others to {@code Attrs}.
   */
  static void writeV4WithSpareColumns(SparkSession spark, Path block, List<TraceSpan> spans,
                                      Map<String, String> spareColumns)
      throws IOException {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<Span>> trace : byTrace(spans).entrySet()) {
      List<Row> rs = new ArrayList<>();
      for (Map.Entry<String, List<Span>> service : byService(trace.getValue()).entrySet()) {
        List<Row> spanRows = new ArrayList<>();
        for (Span s : service.getValue()) {
          Object[] dedicated = new Object[10];
          dedicated[0] = "GET"; // http.method in String01, as the metas below map it
          List<Row> attrs = new ArrayList<>();
          attrs.add(RowFactory.create("http.route", false, List.of("/x"), List.of()));
          ArchiveFixtures.attributes(s).forEach((k, v) -> {
            String spare = spareColumns.get(k);
            if (spare != null) dedicated[Integer.parseInt(spare.substring(6)) - 1] = v;
            else attrs.add(RowFactory.create(k, false, List.of(v), List.of()));
          });
          spanRows.add(RowFactory.create(bytes(s.spanId()), s.hasParent() ? bytes(s.parentId()) : new byte[0], 0,
              s.name(), (long) s.kind().ordinal(), BigDecimal.valueOf(s.startNanos()),
              BigDecimal.valueOf(s.durationNanos()), s.error() ? 2L : 0L, attrs, RowFactory.create(dedicated), null));
        }
        rs.add(RowFactory.create(RowFactory.create(service.getKey(), List.of()),
            List.of(RowFactory.create(RowFactory.create("fixture"), spanRows))));
      }
      rows.add(RowFactory.create(HexFormat.of().parseHex(trace.getKey()), stripped(trace.getKey()), rs));
    }
    Path tmp = block.resolveSibling(block.getFileName() + ".spark");
    spark.createDataFrame(rows, TRACE_V4).coalesce(1).write().mode("overwrite").parquet(tmp.toString());
    Files.createDirectories(block);
    try (Stream<Path> files = Files.list(tmp)) {
      Path part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.move(part, block.resolve("data.parquet"));
    }
    try (Stream<Path> files = Files.walk(tmp)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Writes a vParquet5 data.parquet with parquet-hadoop; {@code peerColumn} as in {@link #writeV4}. */
  static void writeV5(Path block, List<TraceSpan> spans, String peerColumn) throws IOException {
    writeV5WithSpareColumns(block, spans, spareColumns(peerColumn));
  }

  /** Writes a vParquet5 data.parquet with parquet-hadoop; attributes as in {@link #writeV4WithSpareColumns}, spares String02-03. */
  static void writeV5WithSpareColumns(Path block, List<TraceSpan> spans, Map<String, String> spareColumns)
      throws IOException {
    Files.createDirectories(block);
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA_V5);
    var file = HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(block.resolve("data.parquet").toString()),
        new Configuration());
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(file).withType(SCHEMA_V5).build()) {
      for (Map.Entry<String, List<Span>> trace : byTrace(spans).entrySet()) {
        Group row = groups.newGroup()
            .append("TraceID", Binary.fromConstantByteArray(HexFormat.of().parseHex(trace.getKey())))
            .append("TraceIDText", stripped(trace.getKey()));
        for (Map.Entry<String, List<Span>> service : byService(trace.getValue()).entrySet()) {
          Group rs = row.addGroup("rs");
          rs.addGroup("Resource").append("ServiceName", service.getKey());
          Group ss = rs.addGroup("ss");
          ss.addGroup("Scope").append("Name", "fixture");
          for (Span s : service.getValue()) {
            Group g = ss.addGroup("Spans")
                .append("SpanID", Binary.fromConstantByteArray(bytes(s.spanId())))
                .append("ParentSpanID", Binary.fromConstantByteArray(s.hasParent() ? bytes(s.parentId()) : new byte[0]))
                .append("ParentID", 0)
                .append("Name", s.name())
                .append("Kind", (long) s.kind().ordinal())
                .append("StartTimeUnixNano", s.startNanos())
                .append("DurationNano", s.durationNanos())
                .append("StatusCode", s.error() ? 2L : 0L);
            g.addGroup("Attrs").append("Key", "http.route").append("IsArray", false).append("Value", "/x");
            Group dedicated = g.addGroup("DedicatedAttributes");
            dedicated.append("String01", "https://x/");
            dedicated.append("Int01", 200L);
            ArchiveFixtures.attributes(s).forEach((k, v) -> {
              String spare = spareColumns.get(k);
              if (spare != null) dedicated.append(spare, v);
              else g.addGroup("Attrs").append("Key", k).append("IsArray", false).append("Value", v);
            });
            g.append("ChildCount", 0);
          }
        }
        w.write(row);
      }
    }
  }

  static byte[] bytes(long id) {
    return ByteBuffer.allocate(8).putLong(id).array();
  }

  /** Tempo's TraceIDText: hex without leading zeros (not what we read). */
  static String stripped(String hex) {
    String s = hex.replaceFirst("^0+", "");
    return s.isEmpty() ? "0" : s;
  }

  static Map<String, List<Span>> byTrace(List<TraceSpan> spans) {
    Map<String, List<Span>> m = new LinkedHashMap<>();
    for (TraceSpan s : spans) m.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s.span());
    return new java.util.TreeMap<>(m); // rows sorted by trace id, as Tempo writes them
  }

  static Map<String, List<Span>> byService(List<Span> spans) {
    Map<String, List<Span>> m = new LinkedHashMap<>();
    for (Span s : spans) m.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s);
    return m;
  }

  static String hex(long id) {
    return HexIds.toHex(id);
  }
}
