package io.tracegraph.jobs.io;

import io.tracegraph.jobs.FaultPoint;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Writes one day's outputs atomically. Everything is first written under {@code OUT/.staging/<day>-<uuid>/} with
 * the final layout ({@link OutputLayout}); {@link #commit()} then swaps each day directory into place by rename (the
 * old one moved aside first and deleted after). A run that fails before commit leaves the previous output
 * untouched; re-running a day replaces it, never appends to it. Renames are atomic on local and HDFS file systems,
 * so readers see either the old or the new day directory, never a half-written one.
 */
public final class DayOutput implements AutoCloseable {
  private final FileSystem fs;
  private final OutputLayout out;
  private final LocalDate day;
  private final Path staging;
  /** The day directories written, each as where it is in a layout: staged, then in place. */
  private final Map<String, Function<OutputLayout, Path>> dayDirs = new LinkedHashMap<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private boolean committed;

  private DayOutput(FileSystem fs, OutputLayout out, LocalDate day) {
    this.fs = fs;
    this.out = out;
    this.day = day;
    this.staging = new Path(out.staging(), day + "-" + UUID.randomUUID());
  }

  public static DayOutput begin(String out, LocalDate day, Configuration conf) {
    try {
      OutputLayout layout = OutputLayout.of(out);
      return new DayOutput(layout.root().getFileSystem(conf), layout, day);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open output " + out, e);
    }
  }

  /** The staging directory of table {@code name} for this day (Spark writes Parquet into it). */
  public String tableDir(String name) {
    return stage(layout -> layout.tableDay(name, day)).toString();
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
    Path file = new Path(stage(layout -> layout.reportDay(day)), fileName);
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

  /** The output root's file system (for outputs that span days). */
  public FileSystem fileSystem() {
    return fs;
  }

  /** The output root's layout (for outputs that span days). */
  public OutputLayout layout() {
    return out;
  }

  /** The final path of a report file of this day. */
  public Path reportPath(String fileName) {
    return new Path(out.reportDay(day), fileName);
  }

  /** The staged path of a day directory, remembered for {@link #commit()}. */
  private Path stage(Function<OutputLayout, Path> dayDir) {
    Path staged = dayDir.apply(OutputLayout.of(staging));
    dayDirs.putIfAbsent(staged.toString(), dayDir);
    return staged;
  }

  /**
   * Moves every staged day directory into place, replacing what was there. The report directory, whose
   * {@code run.json} marks the day committed ({@link #isCommitted}), is moved aside first and put in place last: a run
   * killed while the tables are swapped leaves the day uncommitted, never the old marker over half-new tables. The old
   * directories are kept aside until the new report is in place, and the moves are journaled first
   * ({@link CommitJournal}), so the next run on the output puts the previous day back whole after such a kill
   * ({@link DeadStaging}).
   */
  public void commit() {
    try {
      Path report = out.reportDay(day);
      List<Function<OutputLayout, Path>> dirs = new ArrayList<>(dayDirs.values());
      dirs.sort(Comparator.comparing(dir -> dir.apply(out).equals(report))); // the report last
      OutputLayout staged = OutputLayout.of(staging);
      List<String> journal = new ArrayList<>();
      for (Function<OutputLayout, Path> dayDir : dirs) {
        Path dir = dayDir.apply(staged);
        if (!fs.exists(dir)) fs.mkdirs(dir); // an empty table is still a written day
        journal.add(relative(dir));
      }
      CommitJournal.write(fs, staging, journal);
      OutputLayout replaced = OutputLayout.of(new Path(staging, CommitJournal.REPLACED));
      if (fs.exists(report)) StagedDirectories.move(fs, report, replaced.reportDay(day));
      for (Function<OutputLayout, Path> dayDir : dirs) {
        if (dayDir.apply(out).equals(report)) FaultPoint.BEFORE_REPORT_COMMIT.reach();
        StagedDirectories.swapInKeepingOld(fs, dayDir.apply(staged), dayDir.apply(out), dayDir.apply(replaced));
      }
      committed = true;
      afterCommit.forEach(Runnable::run);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit output of " + day + " under " + out, e);
    } finally {
      close(); // the old directories go with the staging
    }
  }

  /** A staged day directory's path relative to the staging: the same under the output root and {@code _replaced}. */
  private String relative(Path stagedDir) {
    return stagedDir.toUri().getPath().substring(staging.toUri().getPath().length() + 1);
  }

  /** True when day {@code day} of output root {@code out} is committed: its {@code reports/D/run.json} is there. */
  public static boolean isCommitted(String out, LocalDate day, Configuration conf) {
    Path runJson = new Path(OutputLayout.of(out).reportDay(day), OutputLayout.RUN_JSON);
    try {
      return runJson.getFileSystem(conf).exists(runJson);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for " + runJson, e);
    }
  }

  /**
   * The committed days of output root {@code out}: those whose {@code reports/D/run.json} is there, found by one
   * recursive listing of {@code reports/} (a few list requests on object storage, not one per day).
   */
  public static SortedSet<LocalDate> committedDays(String out, Configuration conf) {
    Path reports = OutputLayout.of(out).reports();
    SortedSet<LocalDate> days = new TreeSet<>();
    try {
      FileSystem fs = reports.getFileSystem(conf);
      if (!fs.exists(reports)) return days;
      String root = fs.makeQualified(reports).toUri().getPath();
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(reports, true);
      while (files.hasNext()) {
        Path file = files.next().getPath();
        Path dayDir = file.getParent();
        boolean dayRunJson = file.getName().equals(OutputLayout.RUN_JSON)
            && dayDir.getParent().toUri().getPath().equals(root);
        if (!dayRunJson) continue;
        LocalDate day = OutputLayout.reportDayOf(dayDir.getName());
        if (day != null) days.add(day);
      }
      return days;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + reports, e);
    }
  }

  /**
   * The line that tells a reader's user which days it left out because they are not committed, or null when none
   * was (notebooks/tracegraph_sql.py finds it by "uncommitted day(s)").
   */
  public static String skippedLine(SortedSet<LocalDate> uncommitted) {
    if (uncommitted.isEmpty()) return null;
    return "skipped " + uncommitted.size() + " uncommitted day(s), being written or left by a killed run (no "
        + OutputLayout.REPORTS + "/D/" + OutputLayout.RUN_JSON + "): "
        + uncommitted.stream().map(LocalDate::toString).collect(Collectors.joining(", "));
  }

  /** Removes the staging directory; after a failure this is all that happens to the output. */
  @Override
  public void close() {
    StagedDirectories.clean(fs, staging, out.staging());
  }

  public boolean committed() {
    return committed;
  }
}
