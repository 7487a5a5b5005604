package io.tracegraph.jobs.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.archive.SpanArchiveSchema;
import io.tracegraph.reports.MissingColumn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;

/**
 * Parquet exported from the OpenTelemetry Collector's ClickHouse table {@code otel_traces}: one row per span,
 * {@code Timestamp} = start, {@code Duration} in nanoseconds, hex ids, {@code SpanKind} and {@code StatusCode} in any of
 * the exporters' spellings ({@code SPAN_KIND_SERVER}, {@code Server}, {@code server}; the parser reads them all),
 * {@code SpanAttributes} a string map (or, from the exporter's JSON table variant, a JSON object text). Layout: {@code ROOT/date=YYYY-MM-DD/*.parquet} when the root has such
 * partitions (ClickHouse partitions the table by day), else every {@code *.parquet} file under the root, filtered by
 * {@code Timestamp}.
 *
 * <p>Exports differ in how they store times: DateTime64(9) as a Parquet TIMESTAMP(NANOS) (read as an int64 of
 * nanoseconds, {@code spark.sql.legacy.parquet.nanosAsLong}), as TIMESTAMP(MICROS|MILLIS) or INT96 (to nanoseconds),
 * or as a plain int64 of nanoseconds; Duration as UInt64 (decimal(20,0) in Spark) or Int64. Files are read in groups
 * of identical footer schema and the groups unioned, so one root may mix exporter versions.
 */
public final class ClickHouseSource implements SpanSource {
  /** Columns a file must have; {@code SpanAttributes} is optional (no peers without it). */
  public static final List<String> REQUIRED = List.of("TraceId", "SpanId", "ParentSpanId", "ServiceName", "SpanKind",
      "Timestamp", "Duration", "StatusCode");
  static final String ATTRIBUTES = "SpanAttributes";
  /** The optional columns read, with what is lost without them. */
  static final Map<String, String> OPTIONAL = Map.of(
      ATTRIBUTES, OptionalColumns.WITHOUT_ATTRIBUTES, "SpanName", OptionalColumns.WITHOUT_NAME);
  private static final MapType STRING_MAP = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);
  private static final String NANOS_AS_LONG = "spark.sql.legacy.parquet.nanosAsLong";

  @Override
  public SpanFormat format() {
    return SpanFormat.CLICKHOUSE;
  }

  @Override
  public SourceScan plan(SparkSession spark, SourceRequest request) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    List<FileStatus> candidates = list(request, conf);
    Map<String, List<String>> groups = new TreeMap<>(); // footer schema text → files
    Map<String, MessageType> schemas = new LinkedHashMap<>();
    Map<String, String> skipped = new TreeMap<>();
    List<String> readable = new ArrayList<>();
    OptionalColumns optional = new OptionalColumns(OPTIONAL);
    for (FileStatus file : candidates) {
      String name = file.getPath().toString();
      MessageType schema;
      try {
        schema = ParquetFooters.schema(file, conf);
      } catch (IOException e) {
        if (!request.skipBadFiles()) {
          throw new BadInputException(name + ": unreadable Parquet file: " + e.getMessage()
              + " (use --skip-bad-files to skip unreadable files)", e);
        }
        skipped.put(name, "unreadable Parquet file: " + e.getMessage());
        continue;
      }
      List<String> missing = new ArrayList<>();
      for (String c : REQUIRED) if (ParquetFooters.field(schema, c) == null) missing.add(c);
      if (!missing.isEmpty()) {
        throw new BadInputException(name + ": missing required column" + (missing.size() > 1 ? "s " : " ")
            + String.join(", ", missing) + " (a ClickHouse otel_traces export needs " + String.join(", ", REQUIRED) + ")");
      }
      for (String c : List.of("Timestamp", "Duration")) {
        Type t = ParquetFooters.field(schema, c);
        if (!isNumber(t)) { // text or floats would read as null or rounded: every row lost, or wrong times
          throw new BadInputException(name + ": required column with the wrong type: " + t + " (a ClickHouse "
              + "otel_traces export has Timestamp as a timestamp or an integer of nanoseconds, Duration as an "
              + "integer of nanoseconds)");
        }
      }
      if (request.trace() != null
          && request.trace().prune(List.of(name), ParquetFooters.field(schema, "TraceId").getName(), false, conf)
              .isEmpty()) {
        continue; // its statistics say the trace is not in it
      }
      String key = schema.toString();
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(name);
      schemas.put(key, schema);
      readable.add(name);
      MessageType footer = schema;
      optional.check(name, c -> ParquetFooters.field(footer, c) != null);
    }
    readable.sort(null);
    return new SourceScan() {
      @Override
      public List<String> inputFiles() {
        return List.copyOf(readable);
      }

      @Override
      public Map<String, String> skippedFiles() {
        return skipped;
      }

      @Override
      public List<MissingColumn> missingColumns() {
        return optional.missing();
      }

      @Override
      public Dataset<Row> read(SparkSession session) {
        Dataset<Row> all = null;
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
          Dataset<Row> rows = readGroup(session, group.getValue(), schemas.get(group.getKey()), request);
          all = all == null ? rows : all.unionAll(rows);
        }
        return all;
      }

      @Override
      public Map<String, Long> counters() {
        return Map.of("files", (long) readable.size());
      }
    };
  }

  /** The files to check: the date partitions of the days read when the root is partitioned, else every Parquet file. */
  private static List<FileStatus> list(SourceRequest request, Configuration conf) {
    List<FileStatus> files = new ArrayList<>();
    try {
      Path root = new Path(request.root());
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) throw new BadInputException("ClickHouse export root does not exist: " + root);
      boolean partitioned = false;
      for (FileStatus s : fs.listStatus(root)) {
        if (s.isDirectory() && s.getPath().getName().startsWith(SpanArchiveSchema.DATE_PARTITION + "=")) partitioned = true;
      }
      if (partitioned) {
        Path day = new Path(root, SpanArchiveSchema.DATE_PARTITION + "=" + request.window().day());
        if (!fs.exists(day)) {
          throw new BadInputException("no partition for " + request.window().day() + ": " + day + " does not exist");
        }
        for (var d : request.daysToRead()) {
          Path dir = new Path(root, SpanArchiveSchema.DATE_PARTITION + "=" + d);
          if (!fs.exists(dir)) continue;
          for (FileStatus f : fs.listStatus(dir)) if (f.isFile() && visible(f.getPath())) files.add(f);
        }
      } else {
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
          LocatedFileStatus f = it.next();
          if (visibleUnder(root, f.getPath()) && f.getPath().getName().endsWith(".parquet")) files.add(f);
        }
        if (files.isEmpty()) throw new BadInputException("no *.parquet file under " + root);
      }
    } catch (IOException e) {
      throw new BadInputException("cannot list " + request.root() + ": " + e.getMessage(), e);
    }
    files.sort(null);
    return files;
  }

  private static boolean visible(Path p) {
    return !p.getName().startsWith("_") && !p.getName().startsWith(".");
  }

  /** No path element below the root is hidden ({@code _SUCCESS}, {@code .staging}, ...). */
  private static boolean visibleUnder(Path root, Path p) {
    for (Path q = p; q != null && !q.equals(root) && q.depth() > root.depth(); q = q.getParent()) {
      if (!visible(q)) return false;
    }
    return true;
  }

  private static Dataset<Row> readGroup(SparkSession spark, List<String> files, MessageType schema,
                                        SourceRequest request) {
    Type timestamp = ParquetFooters.field(schema, "Timestamp");
    boolean nanosTimestamp = isTimestamp(timestamp, LogicalTypeAnnotation.TimeUnit.NANOS);
    if (nanosTimestamp) spark.conf().set(NANOS_AS_LONG, "true"); // Spark has no nanosecond timestamp type
    Dataset<Row> raw = spark.read().parquet(files.toArray(String[]::new));
    if (request.trace() != null) {
      raw = raw.where(request.trace().onHex(col(ParquetFooters.field(schema, "TraceId").getName())
          .cast(DataTypes.StringType)));
    }

    Column start = startNanos(col(timestamp.getName()), timestamp, nanosTimestamp);
    Column kind = col("SpanKind").cast(DataTypes.StringType);
    Type attributes = ParquetFooters.field(schema, ATTRIBUTES);
    Column peer;
    Column extra;
    if (attributes == null) {
      peer = lit(null);
      extra = SpanColumns.noExtraAttributes();
    } else {
      Column map = attributes.isPrimitive() // the exporter's JSON table variant: attributes as a JSON object text
          ? functions.from_json(col(attributes.getName()).cast(DataTypes.StringType), STRING_MAP)
          : col(attributes.getName()).cast(STRING_MAP);
      peer = SpanColumns.peer(map);
      extra = SpanColumns.extraAttributes(map);
    }
    return SpanColumns.select(raw, Map.ofEntries(
        Map.entry(SpanColumns.TRACE_ID, col("TraceId")),
        Map.entry(SpanColumns.SPAN_ID, col("SpanId")),
        Map.entry(SpanColumns.PARENT_SPAN_ID, col("ParentSpanId")),
        Map.entry(SpanColumns.SERVICE_NAME, col("ServiceName")),
        // Jaeger's ClickHouse schema writes '' for an unspecified kind.
        Map.entry(SpanColumns.KIND, when(kind.equalTo(lit("")), lit("UNSPECIFIED")).otherwise(kind)),
        Map.entry(SpanColumns.START_TIME, start),
        Map.entry(SpanColumns.END_TIME, functions.try_add(start, col("Duration").try_cast(DataTypes.LongType))),
        Map.entry(SpanColumns.STATUS_CODE, col("StatusCode")),
        Map.entry(SpanColumns.PEER, peer),
        Map.entry(SpanColumns.NAME, ParquetFooters.field(schema, "SpanName") == null ? lit(null) : col("SpanName")),
        Map.entry(SpanColumns.EXTRA_ATTRIBUTES, extra)), request.window());
  }

  /** The span start as int64 Unix nanoseconds, whatever the export made of DateTime64(9). */
  private static Column startNanos(Column ts, Type type, boolean nanosTimestamp) {
    if (nanosTimestamp) return ts.cast(DataTypes.LongType);
    boolean int96 = type.isPrimitive() && type.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT96;
    if (int96 || type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
      return functions.unix_micros(ts).multiply(1000L); // a micro- or millisecond timestamp: nanoseconds are lost upstream
    }
    return ts.try_cast(DataTypes.LongType); // a plain int64 (or UInt64) of nanoseconds
  }

  /** An integer, a timestamp or a decimal, as the times and durations of an export are; not text or a float. */
  private static boolean isNumber(Type type) {
    if (!type.isPrimitive()) return false;
    return switch (type.asPrimitiveType().getPrimitiveTypeName()) {
      case INT32, INT64, INT96 -> true;
      case FIXED_LEN_BYTE_ARRAY, BINARY ->
          type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
      default -> false;
    };
  }

  private static boolean isTimestamp(Type type, LogicalTypeAnnotation.TimeUnit unit) {
    return type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
        && t.getUnit() == unit;
  }
}
