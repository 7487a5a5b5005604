package io.tracegraph.jobs.source;

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
   * The rows of the read range, the span contract ({@link SpanColumns}). Lazy: nothing is read until an action runs.
   */
  Dataset<Row> read(SparkSession spark);

  /**
   * What the source counted (run.json {@code source}), e.g. Tempo blocks selected and duplicate spans dropped. Counts
   * observed while reading are complete once the action over {@link #read} has finished.
   */
  Map<String, Long> counters();
}
