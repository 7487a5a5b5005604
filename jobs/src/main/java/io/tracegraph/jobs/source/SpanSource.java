package io.tracegraph.jobs.source;

import org.apache.spark.sql.SparkSession;

/**
 * Where the nightly job reads spans from. A source lists and checks its inputs for a day before any work (a clear
 * {@link io.tracegraph.jobs.BadInputException} naming file and columns; unreadable files skipped and reported with
 * {@code --skip-bad-files}), and gives a {@link SourceScan} whose rows are the span contract ({@link SpanColumns}),
 * restricted to the day's read range, so everything after the read is the same for every format.
 */
public interface SpanSource {
  SpanFormat format();

  /** Lists and checks the inputs of {@code request}; throws BadInputException when they cannot be used. */
  SourceScan plan(SparkSession spark, SourceRequest request);
}
