package io.tracegraph.jobs.sql;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.io.DayOutput;
import io.tracegraph.jobs.io.OutputLayout;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The tables under {@code OUT/tables/}, registered as Spark SQL views named after their folders
 * ({@code dependency_links}, ...), each with its Hive partition column {@code date} (a date, read from the folder
 * name {@code date=YYYY-MM-DD}), optionally restricted to a range of days. New tables appear as views without code
 * changes. The tables' columns are documented in {@code docs/tables.md}.
 *
 * <p>Only committed days are read: a day whose {@code reports/D/run.json} is missing ({@link DayOutput#commit} puts it
 * in place last) is a day being written or left half-written by a killed run (on object storage, where a rename is a
 * copy of each object, part of its partitions can already be in place). Its partitions are left out of every view, and
 * the caller is told which days were left out.
 */
public final class OutputTables {
  private OutputTables() {}

  /** The views registered (sorted) and the days whose partitions were left out because they are not committed. */
  public record Registered(List<String> names, SortedSet<LocalDate> uncommittedDays) {
    /** The line that names the days left out, for the user, or null when none was ({@link DayOutput#skippedLine}). */
    public String skippedLine() {
      return DayOutput.skippedLine(uncommittedDays);
    }
  }

  /** Registers every table, with its committed days in the range, as a view. */
  public static Registered register(SparkSession spark, String out, LocalDate from, LocalDate to) {
    SortedSet<LocalDate> committed = DayOutput.committedDays(out, spark.sparkContext().hadoopConfiguration());
    SortedSet<LocalDate> uncommitted = new TreeSet<>();
    List<String> names = new ArrayList<>();
    for (Map.Entry<Path, List<Path>> table : tableDirs(spark, out).entrySet()) {
      List<String> read = new ArrayList<>();
      for (Path partition : table.getValue()) {
        LocalDate day = dayOf(partition);
        if (day == null || committed.contains(day)) {
          read.add(partition.toString()); // all committed days: the range is a filter, so an empty range has columns
        } else if ((from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to))) {
          uncommitted.add(day);
        }
      }
      if (read.isEmpty()) continue; // only uncommitted days: nothing to read, not even the columns
      // Days written by different table versions have different columns: merge the footers so that a range mixing
      // them has every column (null where a day lacks it) instead of the columns of whichever file Spark samples.
      Dataset<Row> rows = spark.read().option("basePath", table.getKey().toString()).option("mergeSchema", "true")
          .parquet(read.toArray(String[]::new));
      if (from != null) rows = rows.where(functions.col(OutputLayout.DATE_PARTITION).geq(from.toString()));
      if (to != null) rows = rows.where(functions.col(OutputLayout.DATE_PARTITION).leq(to.toString()));
      rows.createOrReplaceTempView(table.getKey().getName());
      names.add(table.getKey().getName());
    }
    return new Registered(names, uncommitted);
  }

  /** The day of a partition folder {@code date=YYYY-MM-DD}, or null when its name is not a day. */
  private static LocalDate dayOf(Path partition) {
    return OutputLayout.reportDayOf(partition.getName().substring(OutputLayout.DATE_PARTITION.length() + 1));
  }

  /** Each table folder (sorted) with its partition folders (sorted); tables without any partition are left out. */
  private static Map<Path, List<Path>> tableDirs(SparkSession spark, String out) {
    Path tables = OutputLayout.of(out).tables();
    try {
      FileSystem fs = tables.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(tables)) {
        throw new BadInputException("no tables under " + tables + ": run `tracegraph nightly --out " + out + "` first");
      }
      FileStatus[] dirs = fs.listStatus(tables, p -> !p.getName().startsWith(".") && !p.getName().startsWith("_"));
      Arrays.sort(dirs);
      Map<Path, List<Path>> result = new TreeMap<>();
      for (FileStatus dir : dirs) {
        if (!dir.isDirectory()) continue;
        FileStatus[] partitions = fs.listStatus(dir.getPath(), p -> OutputLayout.isPartition(p.getName()));
        Arrays.sort(partitions);
        if (partitions.length == 0) continue;
        result.put(dir.getPath(), Arrays.stream(partitions).map(FileStatus::getPath).toList());
      }
      return result;
    } catch (IOException e) {
      throw new BadInputException("cannot list " + tables + ": " + e.getMessage(), e);
    }
  }
}
