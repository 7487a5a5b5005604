package io.tracegraph.jobs.tables;

import io.tracegraph.model.LatencySketch;
import io.tracegraph.model.Quantiles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * One latency as a group of columns, {@code <prefix>_count} ... {@code <prefix>_sketch}: the count, mean, minimum,
 * p50, p90, p95, p99, p99.9 and maximum in microseconds, and the serialized {@link LatencySketch} they were read
 * from. Values are null when the count is 0; the sketch is always there (empty), so rollups merge without special
 * cases. Only the sketch is read back ({@link #read}): the other columns follow from it.
 *
 * @param <M> what one row is made from
 */
public final class LatencyColumns<M> implements ColumnGroup<M> {
  /** Column names of {@link Quantiles#REPORTED}, in order. */
  private static final List<String> QUANTILE_NAMES = List.of("p50", "p90", "p95", "p99", "p999");

  static {
    if (QUANTILE_NAMES.size() != Quantiles.REPORTED.length) throw new IllegalStateException("quantile names");
  }

  private final List<TableColumn<M, ?>> columns;
  private final TableColumn<M, LatencySketch> sketch;

  private LatencyColumns(String prefix, Function<? super M, LatencySketch> latency) {
    List<TableColumn<M, ?>> c = new ArrayList<>();
    c.add(TableColumn.int64(prefix + "_count", false, m -> latency.apply(m).count()));
    c.add(micros(prefix + "_mean_us", latency, LatencySketch::meanNanos));
    c.add(micros(prefix + "_min_us", latency, LatencySketch::minNanos));
    for (int i = 0; i < Quantiles.REPORTED.length; i++) {
      double q = Quantiles.REPORTED[i];
      c.add(micros(prefix + "_" + QUANTILE_NAMES.get(i) + "_us", latency, s -> s.quantileNanos(q)));
    }
    c.add(micros(prefix + "_max_us", latency, LatencySketch::maxNanos));
    sketch = TableColumn.of(prefix + "_sketch", DataTypes.BinaryType, false, m -> latency.apply(m).toBytes(),
        stored -> LatencySketch.fromBytes((byte[]) stored));
    c.add(sketch);
    columns = List.copyOf(c);
  }

  /** The columns of the latency {@code latency} gives for a row, named {@code <prefix>_...}. */
  public static <M> LatencyColumns<M> of(String prefix, Function<? super M, LatencySketch> latency) {
    return new LatencyColumns<>(prefix, latency);
  }

  @Override
  public List<TableColumn<M, ?>> columns() {
    return columns;
  }

  /** The latency stored in {@code row}: its sketch. */
  public LatencySketch read(Row row) {
    return sketch.read(row);
  }

  /** Nanoseconds as microseconds, the tables' unit for latencies. */
  public static double micros(double nanos) {
    return nanos / 1000.0;
  }

  /** A statistic of the sketch in microseconds, null for an empty sketch. */
  private static <M> TableColumn<M, Double> micros(String name, Function<? super M, LatencySketch> latency,
                                                  ToDoubleFunction<LatencySketch> nanos) {
    return TableColumn.float64(name, true, m -> {
      LatencySketch s = latency.apply(m);
      return s.isEmpty() ? null : micros(nanos.applyAsDouble(s));
    });
  }
}
