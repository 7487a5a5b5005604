package io.tracegraph.reports.html;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A table for the HTML report from another job's output (error origins, critical-path shares, trace quality, ...):
 * the report renders any such table, escaped and sortable, so a new table needs no new rendering code. Cells are
 * strings, numbers, {@link Share}s or {@link Duration}s (the last three right-aligned and sorted by value);
 * {@code null} shows as empty.
 *
 * @param id the anchor in the page (letters, digits, dashes)
 * @param title the heading
 * @param description one sentence under the heading
 * @param columns column headings
 * @param rows the rows, each as many cells as there are columns
 */
public record ReportTable(String id, String title, String description, List<String> columns, List<List<Object>> rows) {
  /** A fraction shown as a percentage. */
  public record Share(double fraction) {}

  /** A duration in microseconds, shown in a readable unit. */
  public record Duration(double micros) {}

  public ReportTable {
    Objects.requireNonNull(title, "title == null");
    if (id == null || !id.matches("[A-Za-z][A-Za-z0-9-]*")) throw new IllegalArgumentException("bad table id: " + id);
    columns = List.copyOf(columns);
    List<List<Object>> copied = new ArrayList<>();
    for (List<Object> r : rows) {
      if (r.size() != columns.size()) {
        throw new IllegalArgumentException(id + ": a row has " + r.size() + " cells for " + columns.size() + " columns");
      }
      copied.add(Collections.unmodifiableList(new ArrayList<>(r))); // cells may be null
    }
    rows = Collections.unmodifiableList(copied);
    description = description == null ? "" : description;
  }
}
