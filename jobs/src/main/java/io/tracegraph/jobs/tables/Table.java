package io.tracegraph.jobs.tables;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * An output table (or a struct nested in one) as its list of {@link TableColumn}s: the schema, the row made from one
 * model value and the reading of stored rows all come from that list, in its order.
 *
 * @param <M> what one row is made from
 */
public final class Table<M> {
  private final String name;
  private final List<TableColumn<M, ?>> columns;
  private final StructType schema;

  private Table(String name, List<TableColumn<M, ?>> columns) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.columns = List.copyOf(columns);
    Set<String> names = new HashSet<>();
    StructType s = new StructType();
    for (TableColumn<M, ?> c : this.columns) {
      if (!names.add(c.name())) throw new IllegalArgumentException(name + ": column " + c.name() + " twice");
      s = s.add(c.field());
    }
    this.schema = s;
  }

  /** A table of the columns of {@code groups}, in order. */
  @SafeVarargs
  public static <M> Table<M> of(String name, ColumnGroup<M>... groups) {
    List<TableColumn<M, ?>> columns = new ArrayList<>();
    for (ColumnGroup<M> group : groups) columns.addAll(group.columns());
    return new Table<>(name, columns);
  }

  /** The table's name: its folder under {@code OUT/tables/}, and its view in {@code tracegraph sql}. */
  public String name() {
    return name;
  }

  public StructType schema() {
    return schema;
  }

  public List<TableColumn<M, ?>> columns() {
    return columns;
  }

  /** The row of {@code m}: each column's value, in column order, with the schema (so it can be read by name). */
  public Row row(M m) {
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) values[i] = columns.get(i).value(m);
    return new GenericRowWithSchema(values, schema);
  }

  /** The rows of {@code items}, in their order. */
  public List<Row> rows(Collection<? extends M> items) {
    List<Row> rows = new ArrayList<>(items.size());
    for (M m : items) rows.add(row(m));
    return rows;
  }
}
