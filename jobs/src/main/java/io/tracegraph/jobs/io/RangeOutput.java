package io.tracegraph.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
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
  public static final String ROLLUPS = "rollups";

  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private boolean committed;

  private RangeOutput(FileSystem fs, Path out, LocalDate from, LocalDate to) {
    this.fs = fs;
    this.target = rangeDir(out, from, to);
    this.staging = new Path(new Path(out, DayOutput.STAGING), "rollup-" + from + "_" + to + "-" + UUID.randomUUID());
  }

  public static RangeOutput begin(String out, LocalDate from, LocalDate to, Configuration conf) {
    try {
      Path root = new Path(out);
      return new RangeOutput(root.getFileSystem(conf), root, from, to);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open output " + out, e);
    }
  }

  /** {@code OUT/rollups/<from>_<to>}: where a range's tables live. */
  public static Path rangeDir(Path out, LocalDate from, LocalDate to) {
    return new Path(new Path(out, ROLLUPS), from + "_" + to);
  }

  /** Writes table {@code name} of the range as one Parquet file, {@code OUT/rollups/<from>_<to>/tables/<name>/}. */
  public void writeTable(SparkSession spark, String name, StructType schema, List<Row> rows) {
    spark.sparkContext().setJobDescription("tracegraph: write rollup table " + name);
    spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite")
        .parquet(new Path(new Path(staging, "tables"), name).toString());
  }

  /** The final directory of the range. */
  public Path target() {
    return target;
  }

  /** Moves the staged range directory into place, replacing what was there. */
  public void commit() {
    try {
      StagedDirectories.swapIn(fs, staging, target, new Path(staging.getParent(), staging.getName() + "-replaced"));
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit " + target, e);
    } finally {
      close();
    }
  }

  /** Removes the staging directory; after a failure this is all that happens to the output. */
  @Override
  public void close() {
    StagedDirectories.clean(fs, staging, staging.getParent());
  }

  public boolean committed() {
    return committed;
  }
}
