package io.tracegraph.jobs.source;

import io.tracegraph.reports.MissingColumn;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The checked inputs of one nightly run, and how to read them. */
public interface SourceScan {
  /** Files that will be read, sorted (run.json {@code input_files}). */
  List<String> inputFiles();

  /** Files or blocks skipped, with the reason (run.json {@code skipped_files}). */
  Map<String, String> skippedFiles();

  /**
   * Optional columns some input files lack, with what the run cannot compute for their rows (run.json
   * {@code input_columns_missing}); empty when every file has them, or when the format has no optional columns.
   */
  List<MissingColumn> missingColumns();

  /**
   * The rows of the read range, the span contract ({@link SpanColumns}), then the span links
   * ({@value SpanColumns#LINKS}) when {@link #mayHaveLinks()}. Lazy: nothing is read until an action runs.
   */
  Dataset<Row> read(SparkSession spark);

  /**
   * False when the input is known to hold no span link (or the source does not read them): then {@link #read} has no
   * {@code links} column and the nightly skips its first pass over them.
   */
  default boolean mayHaveLinks() {
    return false;
  }

  /**
   * What the source counted (run.json {@code source}), e.g. Tempo blocks selected and duplicate spans dropped. Counts
   * observed while reading are complete once the action over {@link #read} has finished.
   */
  Map<String, Long> counters();
}
