package io.tracegraph.jobs.source;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * The part of Tempo's vParquet4/vParquet5 block schema the nightly job reads (Tempo's
 * {@code tempodb/encoding/vparquet4/schema.go} and {@code vparquet5/schema.go}), as Spark sees it: every repeated
 * field (3-level LIST in v4, bare repeated in v5) an array; unsigned int64 times decimal(20,0); ids binary. Reading
 * with this schema prunes every other column; a column missing from a file reads as null.
 */
public final class TempoSchema {
  private TempoSchema() {}

  public static final DataType UINT64 = new DecimalType(20, 0);

  /** Attribute: key and its string values (a scalar string has exactly one). */
  public static final StructType ATTRIBUTE = new StructType()
      .add("Key", DataTypes.StringType)
      .add("Value", new ArrayType(DataTypes.StringType, true));

  /** Spare columns String01..String10 (v4: optional strings) or String01..String20 (v5: repeated strings). */
  public static StructType dedicated(boolean v5) {
    StructType s = new StructType();
    for (int i = 1; i <= (v5 ? 20 : 10); i++) {
      s = s.add(String.format("String%02d", i), v5 ? new ArrayType(DataTypes.StringType, true) : DataTypes.StringType);
    }
    return s;
  }

  public static StructType span(boolean v5) {
    return new StructType()
        .add("SpanID", DataTypes.BinaryType)
        .add("ParentSpanID", DataTypes.BinaryType)
        .add("Name", DataTypes.StringType)
        .add("Kind", DataTypes.LongType)
        .add("StartTimeUnixNano", UINT64)
        .add("DurationNano", UINT64)
        .add("StatusCode", DataTypes.LongType)
        .add("Attrs", new ArrayType(ATTRIBUTE, true))
        .add("DedicatedAttributes", dedicated(v5));
  }

  /** The read schema of a trace row. */
  public static StructType read(boolean v5) {
    StructType scopeSpans = new StructType().add("Spans", new ArrayType(span(v5), true));
    StructType resource = new StructType().add("ServiceName", DataTypes.StringType);
    StructType resourceSpans = new StructType()
        .add("Resource", resource)
        .add("ss", new ArrayType(scopeSpans, true));
    return new StructType()
        .add("TraceID", DataTypes.BinaryType)
        .add("rs", new ArrayType(resourceSpans, true));
  }
}
