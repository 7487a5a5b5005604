package io.tracegraph.reports.html;

import java.util.List;
import java.util.Objects;

/**
 * A table for the HTML report from another job's output (error origins, critical-path shares, trace quality, ...):
 * the report renders any such table, escaped and sortable, so a new table needs no new rendering code. Cells are
 * strings or numbers ({@link Number}s are right-aligned and sort numerically); {@code null} shows as empty.
 *
 * @param id the anchor in the page (letters, digits, dashes)
 * @param title the heading
 * @param description one sentence under the heading
 * @param columns column headings
 * @param rows the rows, each as many cells as there are columns
 */
public record ReportTable(String id, String title, String description, List<String> columns, List<List<Object>> rows) {
  public ReportTable {
    Objects.requireNonNull(title, "title == null");
    if (id == null || !id.matches("[A-Za-z][A-Za-z0-9-]*")) throw new IllegalArgumentException("bad table id: " + id);
    columns = List.copyOf(columns);
    List<List<Object>> copied = new java.util.ArrayList<>();
    for (List<Object> r : rows) {
      if (r.size() != columns.size()) {
        throw new IllegalArgumentException(id + ": a row has " + r.size() + " cells for " + columns.size() + " columns");
      }
      copied.add(java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))); // cells may be null
    }
    rows = java.util.Collections.unmodifiableList(copied);
    description = description == null ? "" : description;
  }
}
