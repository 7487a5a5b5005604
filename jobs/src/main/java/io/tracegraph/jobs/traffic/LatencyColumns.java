package io.tracegraph.jobs.traffic;

import io.tracegraph.model.LatencySketch;
import io.tracegraph.model.Quantiles;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One latency as a group of columns, {@code <prefix>_count} ... {@code <prefix>_sketch}: the count, mean, minimum,
 * p50, p90, p95, p99, p99.9 and maximum in microseconds, and the serialized {@link LatencySketch} they were read
 * from. Values are null when the count is 0; the sketch is always there (empty), so rollups merge without special
 * cases.
 */
final class LatencyColumns {
  private LatencyColumns() {}

  static final String COUNT = "_count";
  static final String MEAN = "_mean_us";
  static final String MIN = "_min_us";
  static final String MAX = "_max_us";
  static final String SKETCH = "_sketch";

  /** Column names of {@link Quantiles#REPORTED}, in order. */
  private static final List<String> QUANTILE_NAMES = List.of("p50", "p90", "p95", "p99", "p999");

  static {
    if (QUANTILE_NAMES.size() != Quantiles.REPORTED.length) throw new IllegalStateException("quantile names");
  }

  /** Column suffix of the i-th reported quantile: {@code _p50_us} ... {@code _p999_us}. */
  static String quantileSuffix(int i) {
    return "_" + QUANTILE_NAMES.get(i) + "_us";
  }

  static StructType add(StructType schema, String prefix) {
    StructType s = schema.add(prefix + COUNT, DataTypes.LongType, false)
        .add(prefix + MEAN, DataTypes.DoubleType, true)
        .add(prefix + MIN, DataTypes.DoubleType, true);
    for (int i = 0; i < Quantiles.REPORTED.length; i++) {
      s = s.add(prefix + quantileSuffix(i), DataTypes.DoubleType, true);
    }
    return s.add(prefix + MAX, DataTypes.DoubleType, true)
        .add(prefix + SKETCH, DataTypes.BinaryType, false);
  }

  /** Appends the group's values, in {@link #add} order. */
  static void values(List<Object> row, LatencySketch sketch) {
    row.add(sketch.count());
    if (sketch.isEmpty()) {
      for (int i = 0; i < 3 + Quantiles.REPORTED.length; i++) row.add(null);
    } else {
      row.add(micros(sketch.meanNanos()));
      row.add(micros(sketch.minNanos()));
      for (double q : Quantiles.REPORTED) row.add(micros(sketch.quantileNanos(q)));
      row.add(micros(sketch.maxNanos()));
    }
    row.add(sketch.toBytes());
  }

  static LatencySketch read(Row row, String prefix) {
    byte[] bytes = row.getAs(prefix + SKETCH);
    try {
      return LatencySketch.fromBytes(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column " + prefix + SKETCH + ": " + e.getMessage(), e);
    }
  }

  static double micros(double nanos) {
    return nanos / 1000.0;
  }
}
