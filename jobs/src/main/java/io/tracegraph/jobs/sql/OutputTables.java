package io.tracegraph.jobs.sql;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.io.OutputLayout;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 */
public final class OutputTables {
  private OutputTables() {}

  /** Registers every table as a view and returns their names, sorted. */
  public static List<String> register(SparkSession spark, String out, LocalDate from, LocalDate to) {
    List<String> names = new ArrayList<>();
    for (Path table : tableDirs(spark, out)) {
      // Days written by different table versions have different columns: merge the footers so that a range mixing
      // them has every column (null where a day lacks it) instead of the columns of whichever file Spark samples.
      Dataset<Row> rows = spark.read().option("basePath", table.toString()).option("mergeSchema", "true")
          .parquet(table.toString());
      if (from != null) rows = rows.where(functions.col(OutputLayout.DATE_PARTITION).geq(from.toString()));
      if (to != null) rows = rows.where(functions.col(OutputLayout.DATE_PARTITION).leq(to.toString()));
      rows.createOrReplaceTempView(table.getName());
      names.add(table.getName());
    }
    return names;
  }

  private static List<Path> tableDirs(SparkSession spark, String out) {
    Path tables = OutputLayout.of(out).tables();
    try {
      FileSystem fs = tables.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(tables)) {
        throw new BadInputException("no tables under " + tables + ": run `tracegraph nightly --out " + out + "` first");
      }
      FileStatus[] dirs = fs.listStatus(tables, p -> !p.getName().startsWith(".") && !p.getName().startsWith("_"));
      Arrays.sort(dirs);
      List<Path> result = new ArrayList<>();
      for (FileStatus dir : dirs) {
        if (dir.isDirectory() && fs.listStatus(dir.getPath(), p -> OutputLayout.isPartition(p.getName())).length > 0) {
          result.add(dir.getPath());
        }
      }
      return result;
    } catch (IOException e) {
      throw new BadInputException("cannot list " + tables + ": " + e.getMessage(), e);
    }
  }
}
