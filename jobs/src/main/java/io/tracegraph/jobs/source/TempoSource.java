package io.tracegraph.jobs.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.hex;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.model.RemotePeer;
import io.tracegraph.model.SpanExtras;
import io.tracegraph.model.SpanKind;
import io.tracegraph.model.StatusCode;
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
import org.apache.hadoop.fs.Path;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * A Grafana Tempo backend: {@code ROOT/<tenant>/<blockID>/meta.json + data.parquet} (or {@code ROOT} a tenant's
 * folder). One Parquet row is one trace (or the fragment a block holds), with spans nested under resource and scope
 * spans ({@link TempoSchema}).
 *
 * <p>Blocks are selected by the time range in their {@code meta.json}; blocks with {@code meta.compacted.json}
 * (compacted into another, would double count) or {@code meta.deleted.json} are skipped, and so are folders without
 * {@code meta.json} (a block is invisible until its meta exists). Ids are bytes and become lower-case hex (never
 * {@code TraceIDText}, which drops leading zeros); kind and status, OTLP numbers, become their names; unsigned
 * times arrive as decimal(20,0) and become int64, end = start + duration. The peer ({@link RemotePeer#KEYS}) and
 * the extra attributes ({@link SpanExtras#KEYS}: database, namespace, messaging destination, sampling markers) are
 * looked up in the block's dedicated columns first (their mapping differs per block, so blocks are read in groups of
 * equal mapping) and then in the span's attribute list. A trace split over several blocks is merged by trace id downstream; the same span
 * written twice (replication, re-flushed blocks) is dropped by (trace id, span id, kind) here and counted, which costs
 * one shuffle of the span rows.
 */
public final class TempoSource implements SpanSource {
  /** The columns that identify a span written twice: the rest of the row is kept from the smallest copy. */
  private static final List<String> SPAN_KEY = List.of(SpanColumns.TRACE_ID, SpanColumns.SPAN_ID, SpanColumns.KIND);
  /** The extra attributes travel through the choice as their sorted (key, value) entries: maps cannot be ordered. */
  private static final String EXTRA_ENTRIES = "extra_entries";

  @Override
  public SpanFormat format() {
    return SpanFormat.TEMPO;
  }

  @Override
  public SourceScan plan(SparkSession spark, SourceRequest request) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Map<String, Long> counters = new TreeMap<>();
    for (String c : List.of("blocks_listed", "blocks_read", "blocks_compacted", "blocks_deleted", "blocks_without_meta",
        "blocks_outside_window")) {
      counters.put(c, 0L);
    }
    Map<String, String> skipped = new TreeMap<>();
    List<TempoBlock> selected = new ArrayList<>();
    try {
      Path root = new Path(request.root());
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) throw new BadInputException("Tempo backend root does not exist: " + root);
      for (Path dir : blockDirs(fs, root, request.tenant())) {
        counters.merge("blocks_listed", 1L, Long::sum);
        if (fs.exists(new Path(dir, TempoBlock.COMPACTED_META))) {
          counters.merge("blocks_compacted", 1L, Long::sum);
        } else if (fs.exists(new Path(dir, TempoBlock.DELETED_META))) {
          counters.merge("blocks_deleted", 1L, Long::sum);
        } else if (!fs.exists(new Path(dir, TempoBlock.META))) {
          counters.merge("blocks_without_meta", 1L, Long::sum);
        } else {
          TempoBlock block;
          try {
            block = TempoBlock.read(fs, dir);
          } catch (BadInputException e) {
            if (!request.skipBadFiles()) throw withHint(e);
            skipped.put(new Path(dir, TempoBlock.META).toString(), e.getMessage());
            continue;
          }
          if (!block.overlaps(request.window())) {
            counters.merge("blocks_outside_window", 1L, Long::sum);
            continue;
          }
          String problem = checkData(fs, block, conf);
          if (problem == null && request.trace() != null
              && request.trace().prune(List.of(block.data().toString()), "TraceID", true, conf).isEmpty()) {
            continue; // its statistics say the trace is not in it
          }
          if (problem == null) {
            selected.add(block);
          } else if (!request.skipBadFiles()) {
            throw new BadInputException(block.data() + ": " + problem + " (use --skip-bad-files to skip unreadable files)");
          } else {
            skipped.put(block.data().toString(), problem);
          }
        }
      }
    } catch (IOException e) {
      throw new BadInputException("cannot list Tempo backend " + request.root() + ": " + e.getMessage(), e);
    }
    if (selected.isEmpty() && request.trace() != null) {
      return new TempoScan(selected, skipped, counters, request); // no block holds the trace: nothing to read
    }
    if (selected.isEmpty()) {
      throw new BadInputException("no Tempo block under " + request.root() + " covers " + request.window().day()
          + " (blocks listed " + counters.get("blocks_listed") + ", compacted " + counters.get("blocks_compacted")
          + ", outside the day " + counters.get("blocks_outside_window") + ", skipped " + skipped.size() + ")");
    }
    counters.put("blocks_read", (long) selected.size());
    return new TempoScan(selected, skipped, counters, request);
  }

  private static BadInputException withHint(BadInputException e) {
    return new BadInputException(e.getMessage() + " (use --skip-bad-files to skip such blocks)", e);
  }

  /**
   * Block folders under the root: {@code root/<tenant>/<block>/} or, when the root is a tenant's folder,
   * {@code root/<block>/}. A block folder is one holding a meta file or {@code data.parquet}.
   */
  static List<Path> blockDirs(FileSystem fs, Path root, String tenant) throws IOException {
    List<Path> blocks = new ArrayList<>();
    List<Path> tenants = new ArrayList<>();
    for (FileStatus child : sorted(fs.listStatus(root))) {
      if (!child.isDirectory() || hidden(child.getPath())) continue;
      if (isBlock(fs, child.getPath())) {
        blocks.add(child.getPath());
      } else {
        tenants.add(child.getPath());
      }
    }
    if (!blocks.isEmpty()) return blocks; // the root is a tenant's folder
    for (Path t : tenants) {
      if (tenant != null && !t.getName().equals(tenant)) continue;
      for (FileStatus child : sorted(fs.listStatus(t))) {
        if (child.isDirectory() && !hidden(child.getPath()) && isBlock(fs, child.getPath())) blocks.add(child.getPath());
      }
    }
    if (tenant != null && blocks.isEmpty() && !fs.exists(new Path(root, tenant))) {
      throw new BadInputException("no tenant '" + tenant + "' under " + root);
    }
    return blocks;
  }

  private static boolean isBlock(FileSystem fs, Path dir) throws IOException {
    for (String f : List.of(TempoBlock.META, TempoBlock.COMPACTED_META, TempoBlock.DELETED_META, TempoBlock.DATA)) {
      if (fs.exists(new Path(dir, f))) return true;
    }
    return false;
  }

  private static boolean hidden(Path p) {
    return p.getName().startsWith(".") || p.getName().startsWith("_");
  }

  private static FileStatus[] sorted(FileStatus[] s) {
    java.util.Arrays.sort(s);
    return s;
  }

  /** Null when data.parquet has a readable footer with the columns we read, else the problem. */
  private static String checkData(FileSystem fs, TempoBlock block, Configuration conf) throws IOException {
    if (!fs.exists(block.data())) return "block without " + TempoBlock.DATA;
    MessageType schema;
    try {
      schema = ParquetFooters.schema(fs.getFileStatus(block.data()), conf);
    } catch (IOException e) {
      return "unreadable Parquet file: " + e.getMessage();
    }
    List<String> missing = new ArrayList<>();
    for (String c : List.of("TraceID", "rs")) if (!schema.containsField(c)) missing.add(c);
    if (!missing.isEmpty()) {
      throw new BadInputException(block.data() + ": missing column" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing) + " (not a " + block.version() + " block)");
    }
    return null;
  }

  /** The selected blocks, read in groups of equal version and mapping of the attributes read to dedicated columns. */
  private static final class TempoScan implements SourceScan {
    private static final java.util.concurrent.atomic.AtomicLong OBSERVATIONS = new java.util.concurrent.atomic.AtomicLong();
    private final List<TempoBlock> blocks;
    private final Map<String, String> skipped;
    private final Map<String, Long> counters;
    private final SourceRequest request;
    private Observation duplicates;

    TempoScan(List<TempoBlock> blocks, Map<String, String> skipped, Map<String, Long> counters, SourceRequest request) {
      this.blocks = blocks;
      this.skipped = skipped;
      this.counters = counters;
      this.request = request;
    }

    @Override
    public List<String> inputFiles() {
      List<String> files = new ArrayList<>();
      for (TempoBlock b : blocks) files.add(b.data().toString());
      files.sort(null);
      return files;
    }

    @Override
    public Map<String, String> skippedFiles() {
      return skipped;
    }

    /** None: Tempo writes every column of a block's vParquet version ({@link #checkData} checks it is one). */
    @Override
    public List<MissingColumn> missingColumns() {
      return List.of();
    }

    @Override
    public Dataset<Row> read(SparkSession spark) {
      Map<String, List<TempoBlock>> groups = new LinkedHashMap<>();
      for (TempoBlock b : blocks) {
        Map<String, String> columns = new TreeMap<>(b.spanStringColumns());
        columns.keySet().removeIf(key -> !RemotePeer.KEYS.contains(key) && !SpanExtras.KEYS.contains(key));
        groups.computeIfAbsent(b.version() + " " + columns, k -> new ArrayList<>()).add(b);
      }
      Dataset<Row> spans = null;
      for (List<TempoBlock> group : groups.values()) {
        Dataset<Row> rows = readGroup(spark, group);
        spans = spans == null ? rows : spans.unionAll(rows);
      }
      // Drop spans written more than once, keeping the smallest row of each (trace, span id, kind): deterministic.
      List<String> rest = SpanColumns.NAMES.stream()
          .filter(c -> !SPAN_KEY.contains(c) && !c.equals(SpanColumns.EXTRA_ATTRIBUTES)).toList();
      List<Column> copy = new ArrayList<>();
      for (String c : rest) copy.add(col(c));
      copy.add(functions.map_entries(col(SpanColumns.EXTRA_ATTRIBUTES)).as(EXTRA_ENTRIES)); // sorted: see extraEntries
      duplicates = new Observation("tempo_duplicate_spans_" + OBSERVATIONS.incrementAndGet()); // unique per query
      Dataset<Row> unique = spans
          .groupBy(SPAN_KEY.stream().map(functions::col).toArray(Column[]::new))
          .agg(min(struct(copy.toArray(Column[]::new))).as("r"), count(lit(1)).as("n"))
          .observe(duplicates, sum(col("n").minus(1)).as("dropped"));
      Map<String, Column> fromCopy = new LinkedHashMap<>();
      for (String c : rest) fromCopy.put(c, col("r." + c));
      fromCopy.put(SpanColumns.EXTRA_ATTRIBUTES, functions.map_from_entries(col("r." + EXTRA_ENTRIES)));
      return SpanColumns.select(unique, fromCopy, request.window());
    }

    private Dataset<Row> readGroup(SparkSession spark, List<TempoBlock> group) {
      TempoBlock first = group.get(0);
      boolean v5 = first.version().equals("vParquet5");
      String[] files = group.stream().map(b -> b.data().toString()).toArray(String[]::new);
      Dataset<Row> traces = spark.read().schema(TempoSchema.read(v5)).parquet(files);
      if (request.trace() != null) traces = traces.where(request.trace().onBytes(col("TraceID")));
      Dataset<Row> spans = traces
          .select(col("TraceID").as("t"), explode(col("rs")).as("r"))
          .select(col("t"), col("r.Resource.ServiceName").as("svc"), explode(col("r.ss")).as("s"))
          .select(col("t"), col("svc"), explode(col("s.Spans")).as("sp"));
      Column start = col("sp.StartTimeUnixNano").try_cast(DataTypes.LongType);
      return SpanColumns.select(spans, Map.ofEntries(
          Map.entry(SpanColumns.TRACE_ID, lower(hex(col("t")))),
          Map.entry(SpanColumns.SPAN_ID, lower(hex(col("sp.SpanID")))),
          Map.entry(SpanColumns.PARENT_SPAN_ID, lower(hex(col("sp.ParentSpanID")))), // empty bytes: a root
          Map.entry(SpanColumns.SERVICE_NAME, col("svc")),
          Map.entry(SpanColumns.KIND, otlpName(col("sp.Kind"), SpanKind.values())),
          Map.entry(SpanColumns.START_TIME, start),
          Map.entry(SpanColumns.END_TIME, functions.try_add(start, col("sp.DurationNano").try_cast(DataTypes.LongType))),
          Map.entry(SpanColumns.STATUS_CODE, otlpName(col("sp.StatusCode"), StatusCode.values())),
          Map.entry(SpanColumns.PEER, peer(first, v5)),
          Map.entry(SpanColumns.NAME, col("sp.Name")),
          Map.entry(SpanColumns.EXTRA_ATTRIBUTES, functions.map_from_entries(extraEntries(first, v5)))),
          request.window());
    }

    /** First non-empty value of {@link RemotePeer#KEYS}: the block's dedicated column for the key, else the attribute list. */
    private static Column peer(TempoBlock block, boolean v5) {
      Column peerKeys = SpanColumns.literals(RemotePeer.KEYS);
      Column peerAttrs = functions.filter(col("sp.Attrs"), a -> functions.array_contains(peerKeys, a.getField("Key")));
      List<Column> candidates = new ArrayList<>();
      for (String key : RemotePeer.KEYS) {
        String column = block.spanStringColumns().get(key);
        if (column != null) {
          Column dedicated = col("sp.DedicatedAttributes." + column);
          candidates.add(SpanColumns.nonEmpty(v5 ? functions.try_element_at(dedicated, lit(1)) : dedicated));
        }
        Column match = functions.try_element_at(functions.filter(peerAttrs, a -> a.getField("Key").equalTo(lit(key))), lit(1));
        candidates.add(SpanColumns.nonEmpty(functions.try_element_at(match.getField("Value"), lit(1))));
      }
      return functions.coalesce(candidates.toArray(Column[]::new));
    }

    /**
     * The span's attributes of {@link SpanExtras#KEYS} as (key, value) entries sorted by key, one per key (from the
     * dedicated column when the block has one for it, else from the attribute list, the smallest value if the list
     * repeats the key), or null when it has none: the extra attributes as the other sources give them
     * ({@link SpanColumns#extraAttributes}), as sorted entries.
     */
    private static Column extraEntries(TempoBlock block, boolean v5) {
      List<Column> dedicated = new ArrayList<>();
      List<String> inDedicated = new ArrayList<>();
      for (String key : SpanExtras.KEYS) {
        String column = block.spanStringColumns().get(key);
        if (column == null) continue;
        Column value = col("sp.DedicatedAttributes." + column);
        value = SpanColumns.nonEmpty(v5 ? functions.try_element_at(value, lit(1)) : value);
        dedicated.add(when(value.isNotNull(), entry(lit(key), value)));
        inDedicated.add(key);
      }
      List<String> listed = new ArrayList<>(SpanExtras.KEYS);
      listed.removeAll(inDedicated); // a dedicated attribute is not in the list too
      Column keys = SpanColumns.literals(listed);
      Column fromList = functions.transform(
          functions.filter(functions.coalesce(col("sp.Attrs"), functions.array().cast(
              DataTypes.createArrayType(TempoSchema.ATTRIBUTE))), a -> functions.array_contains(keys, a.getField("Key"))),
          a -> entry(a.getField("Key"), SpanColumns.nonEmpty(functions.try_element_at(a.getField("Value"), lit(1)))));
      Column all = functions.filter(dedicated.isEmpty() ? fromList
              : functions.concat(functions.array(dedicated.toArray(Column[]::new)), fromList),
          e -> e.isNotNull().and(e.getField("value").isNotNull()));
      Column sorted = functions.array_sort(all);
      // Keep the first entry of each key (attribute lists may repeat one): a map cannot hold it twice.
      Column distinct = functions.filter(sorted, (e, i) -> i.equalTo(0)
          .or(functions.get(sorted, i.minus(1)).getField("key").notEqual(e.getField("key"))));
      return when(functions.size(distinct).gt(0), distinct);
    }

    private static Column entry(Column key, Column value) {
      return struct(key.as("key"), value.as("value"));
    }

    /**
     * An OTLP enum number as its name ({@code 2} → {@code SERVER}), so Tempo's numbers are not counted as respelled
     * kinds; a number outside the enum stays a number, which the parser counts as unknown.
     */
    private static Column otlpName(Column number, Enum<?>[] values) {
      Column name = number.cast(DataTypes.StringType);
      for (int i = values.length - 1; i >= 0; i--) {
        name = when(number.equalTo(lit((long) i)), lit(values[i].name())).otherwise(name);
      }
      return name;
    }

    @Override
    public Map<String, Long> counters() {
      Map<String, Long> all = new TreeMap<>(counters);
      if (duplicates != null && duplicates.future().isCompleted()) {
        var value = duplicates.future().value().get();
        if (value.isSuccess() && !value.get().isNullAt(0)) all.put("duplicate_spans_dropped", value.get().getLong(0));
      }
      return all;
    }
  }
}
