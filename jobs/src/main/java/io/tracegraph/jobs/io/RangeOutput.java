package io.tracegraph.jobs.io;

import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the tables of a range of days atomically, as {@link DayOutput} does for one day: everything goes under
 * {@code OUT/.staging/rollup-<from>_<to>-<uuid>/} first, then {@link #commit()} swaps the whole range directory
 * {@code OUT/rollups/<from>_<to>/} into place by rename (the old one moved aside first and deleted after). The
 * {@code rollups/} tree never meets the daily {@code tables/} tree, so a rollup cannot overwrite a day.
 */
public final class RangeOutput implements AutoCloseable {
  private final StagedDirectory dir;

  private RangeOutput(StagedDirectory dir) {
    this.dir = dir;
  }

  public static RangeOutput begin(String out, LocalDate from, LocalDate to, Configuration conf) {
    OutputLayout layout = OutputLayout.of(out);
    return new RangeOutput(StagedDirectory.begin(layout, layout.rollup(from, to), "rollup-" + from + "_" + to, conf));
  }

  /** Writes table {@code name} of the range as one Parquet file, {@code OUT/rollups/<from>_<to>/tables/<name>/}. */
  public void writeTable(SparkSession spark, String name, StructType schema, List<Row> rows) {
    spark.sparkContext().setJobDescription("tracegraph: write rollup table " + name);
    spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite")
        .parquet(OutputLayout.rollupTable(dir.staging(), name).toString());
  }

  /** The final directory of the range. */
  public Path target() {
    return dir.target();
  }

  /** Moves the staged range directory into place, replacing what was there. */
  public void commit() {
    dir.commit();
  }

  /** Removes the staging directory; after a failure this is all that happens to the output. */
  @Override
  public void close() {
    dir.close();
  }

  public boolean committed() {
    return dir.committed();
  }
}
