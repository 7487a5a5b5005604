package io.tracegraph.tools.generate;

import io.tracegraph.jobs.archive.SpanArchiveSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Schemas of the ground truth the generator writes beside the spans (which are span archive v1, written by the
 * archive writer), under {@code ROOT/_generator/}, which Spark's partition discovery and the archive reader skip
 * (a leading underscore).
 *
 * <ul>
 *   <li>{@code _generator/traces/date=D/}: one row per trace id of the archive whose earliest span is on D:
 *       {@link #TRACES}.</li>
 *   <li>{@code _generator/expected_links/date=D/}: the dependency links D's traces should give under
 *       DependencyLinker's rules: {@link #EXPECTED_LINKS}. Exact for {@code --imperfections none}; for realistic
 *       output they are the intended calls, which a perfect reader of the spoiled archive would recover.</li>
 *   <li>{@code _generator/summary.json}: counts per day ({@link GeneratorSummary}).</li>
 * </ul>
 */
public final class GeneratorSchemas {
  private GeneratorSchemas() {}

  public static final String DATE = SpanArchiveSchema.DATE_PARTITION;
  public static final String GENERATOR_DIR = "_generator";
  public static final String TRACES_DIR = GENERATOR_DIR + "/traces";
  public static final String EXPECTED_LINKS_DIR = GENERATOR_DIR + "/expected_links";
  public static final String SUMMARY_JSON = GENERATOR_DIR + "/summary.json";

  public static final String TRACE_ID = "trace_id";
  public static final String ROOT_SERVICE = "root_service";
  public static final String ROOT_OPERATION = "root_operation";
  public static final String SPAN_COUNT = "span_count";
  public static final String ERROR_ORIGIN_SPAN_ID = "error_origin_span_id";
  public static final String ERROR_ORIGIN_SERVICE = "error_origin_service";
  public static final String ERROR_ORIGIN_OPERATION = "error_origin_operation";
  public static final String ERROR_REACHED_ROOT = "error_reached_root";
  public static final String FLAGS = "flags";

  public static final String PARENT = "parent";
  public static final String CHILD = "child";
  public static final String CALL_COUNT = "call_count";
  public static final String ERROR_COUNT = "error_count";

  static final String KIND = "kind";
  static final String NAME = "name";
  static final String DETAIL = "detail";
  static final String COUNT = "count";
  static final String ERRORS = "errors";

  /**
   * Per trace id: root service and operation (the top span of a headless fragment), distinct spans the archive holds
   * for it once all its days are generated (lost spans excluded, copies counted once), the injected error's origin
   * (null without one) and whether it reached the root, and the flags of {@link Imperfections} that apply.
   */
  public static final StructType TRACES = new StructType()
      .add(TRACE_ID, DataTypes.StringType, false)
      .add(ROOT_SERVICE, DataTypes.StringType, false)
      .add(ROOT_OPERATION, DataTypes.StringType, false)
      .add(SPAN_COUNT, DataTypes.IntegerType, false)
      .add(ERROR_ORIGIN_SPAN_ID, DataTypes.StringType, true)
      .add(ERROR_ORIGIN_SERVICE, DataTypes.StringType, true)
      .add(ERROR_ORIGIN_OPERATION, DataTypes.StringType, true)
      .add(ERROR_REACHED_ROOT, DataTypes.BooleanType, false)
      .add(FLAGS, new ArrayType(DataTypes.StringType, false), false);

  public static final StructType EXPECTED_LINKS = new StructType()
      .add(PARENT, DataTypes.StringType, false)
      .add(CHILD, DataTypes.StringType, false)
      .add(CALL_COUNT, DataTypes.LongType, false)
      .add(ERROR_COUNT, DataTypes.LongType, false);

  /** {@link #TRACES} with the date, as the generator hands truth rows to the writer. */
  static final StructType TRUTH_ROWS = prepend(DATE, TRACES);

  /** Internal: per-partition sums of links and counters ({@link TraceSlotsToCounts}). */
  static final StructType COUNTS = new StructType()
      .add(DATE, DataTypes.StringType, false)
      .add(KIND, DataTypes.StringType, false)
      .add(NAME, DataTypes.StringType, false)
      .add(DETAIL, DataTypes.StringType, false)
      .add(COUNT, DataTypes.LongType, false)
      .add(ERRORS, DataTypes.LongType, false);

  private static StructType prepend(String date, StructType struct) {
    StructType result = new StructType().add(date, DataTypes.StringType, false);
    for (var field : struct.fields()) result = result.add(field);
    return result;
  }
}
