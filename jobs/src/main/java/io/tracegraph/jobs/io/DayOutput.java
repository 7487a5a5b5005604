package io.tracegraph.jobs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Writes one day's outputs atomically. Everything is first written under {@code OUT/.staging/<day>-<uuid>/} with
 * the final layout; {@link #commit()} then swaps each day directory into place by rename (the old one moved aside
 * first and deleted after). A run that fails before commit leaves the previous output untouched; re-running a day
 * replaces it, never appends to it. Renames are atomic on local and HDFS file systems, so readers see either the
 * old or the new day directory, never a half-written one.
 *
 * <p>Layout (the contract other tools read): {@code OUT/tables/<table>/date=D/} and {@code OUT/reports/D/}.
 */
public final class DayOutput implements AutoCloseable {
  public static final String STAGING = ".staging";

  private final FileSystem fs;
  private final Path out;
  private final LocalDate day;
  private final Path staging;
  private final List<String> dayDirs = new ArrayList<>(); // relative to OUT, e.g. tables/dependency_links/date=D
  private final List<Runnable> afterCommit = new ArrayList<>();
  private boolean committed;

  private DayOutput(FileSystem fs, Path out, LocalDate day) {
    this.fs = fs;
    this.out = out;
    this.day = day;
    this.staging = new Path(new Path(out, STAGING), day + "-" + UUID.randomUUID());
  }

  public static DayOutput begin(String out, LocalDate day, Configuration conf) {
    try {
      Path root = new Path(out);
      return new DayOutput(root.getFileSystem(conf), root, day);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open output " + out, e);
    }
  }

  /** The staging directory of table {@code name} for this day (Spark writes Parquet into it). */
  public String tableDir(String name) {
    return stage("tables/" + name + "/date=" + day).toString();
  }

  /**
   * Writes the rows of table {@code name} for this day as one Parquet file, {@code OUT/tables/<name>/date=D/}.
   * Callers pass rows in a fixed order, so the same input gives the same file contents.
   */
  public void writeTable(SparkSession spark, String name, StructType schema, List<Row> rows) {
    spark.sparkContext().setJobDescription("tracegraph: write table " + name + " for " + day);
    spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite").parquet(tableDir(name));
  }

  /** Writes a report file of this day, {@code OUT/reports/D/<fileName>}, UTF-8. */
  public void writeReport(String fileName, String text) {
    Path file = new Path(stage("reports/" + day), fileName);
    try (OutputStream os = fs.create(file, true)) {
      os.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * Runs {@code action} once the day is in place, after a successful {@link #commit()}: for outputs that span days
   * (the reports index), which must see this day's directory. Never runs when the day is not committed.
   */
  public void afterCommit(Runnable action) {
    afterCommit.add(action);
  }

  /** The output root's file system and path (for outputs that span days). */
  public FileSystem fileSystem() {
    return fs;
  }

  public Path root() {
    return out;
  }

  /** The final path of a report file of this day. */
  public Path reportPath(String fileName) {
    return new Path(new Path(out, "reports/" + day), fileName);
  }

  private Path stage(String dayDir) {
    if (!dayDirs.contains(dayDir)) dayDirs.add(dayDir);
    return new Path(staging, dayDir);
  }

  /** Moves every staged day directory into place, replacing what was there. */
  public void commit() {
    try {
      Path trash = new Path(staging, "_replaced");
      for (String dayDir : dayDirs) {
        Path target = new Path(out, dayDir);
        Path staged = new Path(staging, dayDir);
        if (!fs.exists(staged)) fs.mkdirs(staged); // an empty table is still a written day
        StagedDirectories.swapIn(fs, staged, target, new Path(trash, dayDir));
      }
      committed = true;
      afterCommit.forEach(Runnable::run);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit output of " + day + " under " + out, e);
    } finally {
      close();
    }
  }

  /** Removes the staging directory; after a failure this is all that happens to the output. */
  @Override
  public void close() {
    StagedDirectories.clean(fs, staging, new Path(out, STAGING));
  }

  public boolean committed() {
    return committed;
  }
}
