package io.tracegraph.reports;

import java.util.List;
import java.util.Objects;

/**
 * An optional input column that some input files lack: the run still completes, but cannot compute what the column
 * feeds for the rows of those files. Reported in run.json ({@code input_columns_missing}), the log and the report, so
 * a smaller graph is never mistaken for a quieter day.
 *
 * @param column the column as the input format names it, e.g. {@code attributes} or {@code SpanAttributes}
 * @param cannotCompute what the run could not compute for the rows of those files
 * @param files the input files without the column, sorted
 */
public record MissingColumn(String column, String cannotCompute, List<String> files) {
  public MissingColumn {
    Objects.requireNonNull(column, "column == null");
    Objects.requireNonNull(cannotCompute, "cannotCompute == null");
    files = files.stream().sorted().toList();
  }
}
