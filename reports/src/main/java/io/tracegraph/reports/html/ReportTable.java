package io.tracegraph.reports.html;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A table for the HTML report from another job's output (error origins, critical-path shares, trace quality, ...):
 * the report renders any such table, escaped and sortable, so a new table needs no new rendering code. Cells are
 * strings, numbers, {@link Share}s, {@link Duration}s or {@link TraceRef}s (all but strings right-aligned and sorted
 * by value); {@code null} shows as empty.
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

  /**
   * A trace, shown as {@code label} and linked to its waterfall (when the page holds it) and to the tracing UI (with
   * {@code --trace-url}); sorted by {@code sortValue}.
   */
  public record TraceRef(String traceIdHex, String label, double sortValue) {
    public TraceRef {
      if (traceIdHex == null || !traceIdHex.matches("[0-9a-f]{32}")) {
        throw new IllegalArgumentException("not a 32-digit lower-case trace id: " + traceIdHex);
      }
    }
  }

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
