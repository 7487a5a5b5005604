package io.tracegraph.jobs.archive;

import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Span archive v1: the one definition of tracegraph's input schema. Files live under {@code ROOT/date=YYYY-MM-DD/},
 * the partition being the UTC day of each span's start. Readers, writers, the generator and test fixtures all use
 * this class; {@code SpanArchiveSchemaTest} pins the text of {@link #STRUCT} so a change is always deliberate.
 */
public final class SpanArchiveSchema {
  private SpanArchiveSchema() {}

  public static final String TRACE_ID = "trace_id";
  public static final String SPAN_ID = "span_id";
  public static final String PARENT_SPAN_ID = "parent_span_id";
  public static final String SERVICE_NAME = "service_name";
  public static final String NAME = "name";
  public static final String KIND = "kind";
  public static final String START_TIME = "start_time_unix_nano";
  public static final String END_TIME = "end_time_unix_nano";
  public static final String STATUS_CODE = "status_code";
  public static final String STATUS_MESSAGE = "status_message";
  public static final String ATTRIBUTES = "attributes";
  public static final String RESOURCE_ATTRIBUTES = "resource_attributes";
  public static final String LINKS = "links";

  /** The Hive-style partition column: the UTC day of the span's start, {@code date=YYYY-MM-DD}. */
  public static final String DATE_PARTITION = "date";

  private static final MapType STRING_MAP = DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);

  public static final StructType LINK = new StructType()
      .add(TRACE_ID, DataTypes.StringType, true)
      .add(SPAN_ID, DataTypes.StringType, true);

  /** Every column of span archive v1, in file order. */
  public static final StructType STRUCT = new StructType(new StructField[] {
      DataTypes.createStructField(TRACE_ID, DataTypes.StringType, true),
      DataTypes.createStructField(SPAN_ID, DataTypes.StringType, true),
      DataTypes.createStructField(PARENT_SPAN_ID, DataTypes.StringType, true),
      DataTypes.createStructField(SERVICE_NAME, DataTypes.StringType, true),
      DataTypes.createStructField(NAME, DataTypes.StringType, true),
      DataTypes.createStructField(KIND, DataTypes.StringType, true),
      DataTypes.createStructField(START_TIME, DataTypes.LongType, true),
      DataTypes.createStructField(END_TIME, DataTypes.LongType, true),
      DataTypes.createStructField(STATUS_CODE, DataTypes.StringType, true),
      DataTypes.createStructField(STATUS_MESSAGE, DataTypes.StringType, true),
      DataTypes.createStructField(ATTRIBUTES, STRING_MAP, true),
      DataTypes.createStructField(RESOURCE_ATTRIBUTES, STRING_MAP, true),
      DataTypes.createStructField(LINKS, new ArrayType(LINK, true), true),
  });

  /** Columns without which no span can be read; a file missing one stops the job before any work. */
  public static final List<String> REQUIRED = List.of(
      TRACE_ID, SPAN_ID, PARENT_SPAN_ID, SERVICE_NAME, KIND, START_TIME, END_TIME, STATUS_CODE);

  /** The sub-schema of the named columns, in file order (for column pruning at the source). */
  public static StructType select(List<String> columns) {
    StructType result = new StructType();
    for (StructField field : STRUCT.fields()) {
      if (columns.contains(field.name())) result = result.add(field);
    }
    if (result.fields().length != columns.size()) {
      throw new IllegalArgumentException("unknown columns in " + columns + "; schema has " + List.of(STRUCT.fieldNames()));
    }
    return result;
  }
}
