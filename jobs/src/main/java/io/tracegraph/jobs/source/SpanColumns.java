package io.tracegraph.jobs.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.tracegraph.jobs.archive.SpanArchiveSchema;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.RemotePeer;
import io.tracegraph.model.SpanExtras;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The span contract: the rows every {@link SpanSource} returns and the nightly analysis reads, one row per span,
 * whatever the input format. Ids, service, kind, status and operation name are strings in the source's spelling (the
 * model's parser reads every spelling and counts repairs); times are int64 Unix nanoseconds; {@value #PEER} is the
 * remote peer by {@link RemotePeer#KEYS}; {@value #EXTRA_ATTRIBUTES} the attribute map when it says more
 * ({@link SpanExtras#KEYS}), else null. Only rows whose start lies in the day's read range (or is null, which the
 * parser drops and counts) are returned.
 *
 * <p>This class is the one definition: {@link #SCHEMA} (names, order, types), {@link #select} (how a source maps its
 * columns onto the contract, by name, and applies the window), {@link #peer} and {@link #extraAttributes} (the
 * attribute lookups shared by the sources that have an attribute map), and {@link SpanRowReader} (how the analysis
 * reads a row back, by name).
 */
public final class SpanColumns {
  private SpanColumns() {}

  public static final String TRACE_ID = SpanArchiveSchema.TRACE_ID;
  public static final String SPAN_ID = SpanArchiveSchema.SPAN_ID;
  public static final String PARENT_SPAN_ID = SpanArchiveSchema.PARENT_SPAN_ID;
  public static final String SERVICE_NAME = SpanArchiveSchema.SERVICE_NAME;
  public static final String KIND = SpanArchiveSchema.KIND;
  public static final String START_TIME = SpanArchiveSchema.START_TIME;
  public static final String END_TIME = SpanArchiveSchema.END_TIME;
  public static final String STATUS_CODE = SpanArchiveSchema.STATUS_CODE;
  /** The remote peer, computed from the attributes by {@link RemotePeer#KEYS}. */
  public static final String PEER = "peer";
  public static final String NAME = SpanArchiveSchema.NAME;
  /**
   * The attribute map, only for rows holding a key of {@link SpanExtras#KEYS} (database, messaging destination,
   * sampling markers), else null: the few rows that need it become Java maps, the others cost one key scan.
   */
  public static final String EXTRA_ATTRIBUTES = "extra_attributes";

  /**
   * Not part of the contract: the span links, {@code array<struct<trace_id, span_id>>} as span archive v1 stores them,
   * after the contract's columns for the sources that read them ({@link SourceScan#mayHaveLinks()}).
   */
  public static final String LINKS = SpanArchiveSchema.LINKS;

  private static final MapType STRING_MAP = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType);

  /** The contract's columns in order, with their types. */
  public static final StructType SCHEMA = new StructType()
      .add(TRACE_ID, DataTypes.StringType)
      .add(SPAN_ID, DataTypes.StringType)
      .add(PARENT_SPAN_ID, DataTypes.StringType)
      .add(SERVICE_NAME, DataTypes.StringType)
      .add(KIND, DataTypes.StringType)
      .add(START_TIME, DataTypes.LongType)
      .add(END_TIME, DataTypes.LongType)
      .add(STATUS_CODE, DataTypes.StringType)
      .add(PEER, DataTypes.StringType)
      .add(NAME, DataTypes.StringType)
      .add(EXTRA_ATTRIBUTES, STRING_MAP);

  /** The contract's column names, in order. */
  public static final List<String> NAMES = List.of(SCHEMA.fieldNames());

  /**
   * The contract over {@code rows}: each contract column is {@code computed}'s expression for it, or else the column
   * of {@code rows} of the same name, cast to the contract's type (a no-op where it already has it), in contract
   * order; only rows starting in {@code window}'s read range are kept. Lazy, like every Spark transformation.
   *
   * @throws IllegalArgumentException when {@code computed} names a column the contract does not have
   */
  public static Dataset<Row> select(Dataset<Row> rows, Map<String, Column> computed, DayWindow window) {
    return select(rows, computed, window, false);
  }

  /** {@link #select(Dataset, Map, DayWindow)}, then, with {@code links}, the {@value #LINKS} column of {@code rows}. */
  public static Dataset<Row> select(Dataset<Row> rows, Map<String, Column> computed, DayWindow window,
                                    boolean links) {
    if (!NAMES.containsAll(computed.keySet())) {
      TreeSet<String> unknown = new TreeSet<>(computed.keySet());
      NAMES.forEach(unknown::remove);
      throw new IllegalArgumentException("not columns of the span contract: " + unknown + "; it has " + NAMES);
    }
    List<Column> columns = new ArrayList<>(NAMES.size());
    for (StructField field : SCHEMA.fields()) {
      Column value = computed.getOrDefault(field.name(), col(field.name()));
      columns.add(value.cast(field.dataType()).as(field.name()));
    }
    if (links) columns.add(col(LINKS));
    return rows.select(columns.toArray(Column[]::new)).where(inReadRange(col(START_TIME), window));
  }

  /** True when {@code start} (int64 nanoseconds) lies in the window's read range, or is null (the parser counts it). */
  public static Column inReadRange(Column start, DayWindow window) {
    return start.isNull().or(start.geq(lit(window.readFromNanos())).and(start.lt(lit(window.readUntilNanos()))));
  }

  /**
   * {@link RemotePeer#of} as a column over a map of string attributes: the first non-empty value of
   * {@link RemotePeer#KEYS}, or null. Each key lookup scans the map's keys, so the lookups run only for the rows whose
   * map holds one of the keys at all (one scan to tell), which most server and internal spans do not.
   */
  public static Column peer(Column attributes) {
    Column[] candidates = RemotePeer.KEYS.stream()
        .map(key -> nonEmpty(attributes.getItem(key)))
        .toArray(Column[]::new);
    return when(functions.arrays_overlap(functions.map_keys(attributes), literals(RemotePeer.KEYS)),
        functions.coalesce(candidates));
  }

  /**
   * The attribute map when it holds a key of {@link SpanExtras#KEYS}, else null. One small expression on purpose:
   * per-key lookups here would grow the scan's generated method past the 8000 bytes HotSpot compiles, and the whole
   * scan would run interpreted (measured: 2.5 times slower; {@code ScanCodegenTest}).
   */
  public static Column extraAttributes(Column attributes) {
    return when(functions.arrays_overlap(functions.map_keys(attributes), literals(SpanExtras.KEYS)), attributes);
  }

  /** No extra attributes: for sources that do not read them (yet). */
  public static Column noExtraAttributes() {
    return lit(null).cast(STRING_MAP);
  }

  /** {@code value} when it is not the empty string, else null. */
  static Column nonEmpty(Column value) {
    return when(value.notEqual(lit("")), value);
  }

  /** The keys as an array literal, for {@code arrays_overlap} and {@code array_contains}. */
  static Column literals(List<String> keys) {
    return functions.array(keys.stream().map(functions::lit).toArray(Column[]::new));
  }
}
