package io.tracegraph.jobs.tables;

import io.tracegraph.model.SamplingWeight;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One column of an output table: its name, Spark type and nullability, how its stored value is computed from what a
 * row is made of, and how a stored value is read back. A {@link Table} is a list of these, from which its schema, its
 * rows and the reading of its rows all come, so a column is defined in one place and cannot be written in one order
 * and read in another.
 *
 * <p>The factories say what kind of value a column holds and so how it is stored: {@link #estimate} stores a
 * fixed-point sampling-weighted count ({@link SamplingWeight}) as a double and reads it back exactly;
 * {@link #timestamp} stores an {@link Instant}; {@link #strings} a list. A column that is computed from another
 * (a quantile from a sketch) reads back as stored; only the columns a rollup or the diff restores need a reading
 * that differs.
 *
 * @param <M> what one row is made from (an edge's key and statistics, a critical-path row, ...)
 * @param <V> the Java value the column reads back as
 */
public final class TableColumn<M, V> implements ColumnGroup<M> {
  private final String name;
  private final DataType type;
  private final boolean nullable;
  private final Function<? super M, ?> value;
  private final Function<Object, V> restore;

  private TableColumn(String name, DataType type, boolean nullable, Function<? super M, ?> value,
                      Function<Object, V> restore) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.type = Objects.requireNonNull(type, "type == null");
    this.nullable = nullable;
    this.value = Objects.requireNonNull(value, "value == null");
    this.restore = Objects.requireNonNull(restore, "restore == null");
  }

  /**
   * A column whose stored value is {@code value}'s, as Spark's row encoder takes it for {@code type}, and read back
   * by {@code restore} (from what Spark reads: a Scala sequence for an array, a {@link Timestamp} for a timestamp).
   */
  public static <M, V> TableColumn<M, V> of(String name, DataType type, boolean nullable,
                                            Function<? super M, ?> value, Function<Object, V> restore) {
    return new TableColumn<>(name, type, nullable, value, restore);
  }

  public static <M> TableColumn<M, String> string(String name, boolean nullable, Function<? super M, String> value) {
    return of(name, DataTypes.StringType, nullable, value, String.class::cast);
  }

  public static <M> TableColumn<M, Long> int64(String name, boolean nullable, Function<? super M, Long> value) {
    return of(name, DataTypes.LongType, nullable, value, Long.class::cast);
  }

  public static <M> TableColumn<M, Integer> int32(String name, Function<? super M, Integer> value) {
    return of(name, DataTypes.IntegerType, false, value, Integer.class::cast);
  }

  public static <M> TableColumn<M, Double> float64(String name, boolean nullable, Function<? super M, Double> value) {
    return of(name, DataTypes.DoubleType, nullable, value, Double.class::cast);
  }

  public static <M> TableColumn<M, Boolean> bool(String name, Function<? super M, Boolean> value) {
    return of(name, DataTypes.BooleanType, false, value, Boolean.class::cast);
  }

  /** {@code part / whole}, null when the whole is 0: error rates, shares of traces. */
  public static <M> TableColumn<M, Double> ratio(String name, ToLongFunction<? super M> part,
                                                 ToLongFunction<? super M> whole) {
    return float64(name, true, m -> ratio(part.applyAsLong(m), whole.applyAsLong(m)));
  }

  static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }

  /**
   * A sampling-weighted estimate: the model's fixed-point count ({@link SamplingWeight#SCALE} per unit), stored as
   * a double, read back as the same fixed-point count.
   */
  public static <M> TableColumn<M, Long> estimate(String name, Function<? super M, Long> fixedPoint) {
    return of(name, DataTypes.DoubleType, false, m -> SamplingWeight.toDouble(fixedPoint.apply(m)),
        stored -> SamplingWeight.fromDouble((Double) stored));
  }

  /** An instant, read back from Spark's {@link Timestamp} (or an {@link Instant}, in rows made here). */
  public static <M> TableColumn<M, Instant> timestamp(String name, boolean nullable,
                                                      Function<? super M, Instant> value) {
    return of(name, DataTypes.TimestampType, nullable, value,
        stored -> stored instanceof Timestamp t ? t.toInstant() : (Instant) stored);
  }

  /** A day, read back from Spark's {@link java.sql.Date} (or a {@link LocalDate}, in rows made here). */
  public static <M> TableColumn<M, LocalDate> date(String name, Function<? super M, LocalDate> value) {
    return of(name, DataTypes.DateType, false, value,
        stored -> stored instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) stored);
  }

  /** A list of strings, never null, no null element. */
  public static <M> TableColumn<M, List<String>> strings(String name, Function<? super M, List<String>> value) {
    return of(name, DataTypes.createArrayType(DataTypes.StringType, false), false, value, TableColumn::list);
  }

  /** A list of rows of {@code element}, never null: each element made by the nested table's columns. */
  public static <M, E> TableColumn<M, List<Row>> rows(String name, Table<E> element,
                                                      Function<? super M, ? extends List<E>> value) {
    return of(name, DataTypes.createArrayType(element.schema(), false), false,
        m -> value.apply(m).stream().map(element::row).toList(), TableColumn::list);
  }

  public String name() {
    return name;
  }

  @Override
  public List<TableColumn<M, ?>> columns() {
    return List.of(this);
  }

  public StructField field() {
    return DataTypes.createStructField(name, type, nullable);
  }

  /** The stored value for {@code m}, as Spark's row encoder takes it. */
  Object value(M m) {
    return value.apply(m);
  }

  /**
   * This column's value in {@code row} (read from Parquet, or made by {@link Table#row}); null when null, which only
   * a nullable column may be.
   *
   * @throws IllegalArgumentException naming the column, when the stored value cannot be read back
   */
  public V read(Row row) {
    Object stored = row.get(row.fieldIndex(name));
    if (stored == null) {
      if (nullable) return null;
      throw new IllegalArgumentException("column " + name + " is null");
    }
    try {
      return restore.apply(stored);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("column " + name + ": " + e.getMessage(), e);
    }
  }

  /** An array column as a Java list: a Java list in rows made here, a Scala sequence in rows read by Spark. */
  @SuppressWarnings("unchecked")
  static <T> List<T> list(Object stored) {
    if (stored instanceof List<?> list) return (List<T>) list;
    if (stored instanceof scala.collection.Seq<?> seq) return (List<T>) CollectionConverters.asJava(seq);
    throw new IllegalArgumentException("not an array: " + stored);
  }
}
