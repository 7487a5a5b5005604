package io.tracegraph.jobs.rollup;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.io.RangeOutput;
import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.TrafficSummary;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the traffic tables of a range of days from the daily tables alone, never reading spans: every stored row is
 * turned back into its mergeable state ({@link TrafficTables#mergeRow}), the days are merged (sketches merged, counts
 * summed, busiest minute the largest, examples re-ranked, caller lists united) and the result is written like a day,
 * under {@code OUT/rollups/<from>_<to>/tables/<name>/}. It equals one analysis of all the range's traces: each
 * trace belongs to exactly one day, and every merged state is exact.
 *
 * <p>Every day of the range must have all its traffic tables; a missing one stops the rollup naming it. The
 * {@code operation_edges} of a range that includes days written before tables v3 are not written (those days have
 * none).
 */
public final class RollupJob {
  private final RollupOptions options;
  private final OutputLayout layout;

  public RollupJob(RollupOptions options) {
    this.options = options;
    this.layout = OutputLayout.of(options.out());
  }

  /** What a rollup wrote: the range directory and the rows of each table. */
  public record Result(String directory, Map<String, List<Row>> tables) {}

  public Result run(SparkSession spark, StageLog log) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = options.from(); !d.isAfter(options.to()); d = d.plusDays(1)) days.add(d);
    List<String> absent = checkDays(spark, days);
    List<String> tablesRead = new ArrayList<>(TrafficTables.NAMES);
    tablesRead.removeAll(absent);
    log.done("list", "days=" + days.size() + " tables=" + tablesRead.size()
        + (absent.isEmpty() ? "" : " (not rolled up, some days were written before tables v3: " + absent + ")"));

    TrafficSummary summary = new TrafficSummary();
    long rows = 0;
    for (String table : tablesRead) {
      spark.sparkContext().setJobDescription("tracegraph rollup: read " + table);
      String[] paths = days.stream().map(d -> layout.tableDay(table, d).toString()).toArray(String[]::new);
      List<Row> stored = spark.read().schema(TrafficTables.schema(table)).parquet(paths).collectAsList();
      if (table.equals(TrafficTables.TOTALS) && stored.size() != days.size()) {
        throw new BadInputException("expected one totals row per day, found " + stored.size() + " for " + days.size()
            + " days under " + layout.table(TrafficTables.TOTALS));
      }
      for (Row row : stored) {
        try {
          TrafficTables.mergeRow(summary, table, row);
        } catch (RuntimeException e) {
          throw new BadInputException("unreadable row in table " + table + " of " + options.from() + ".."
              + options.to() + ": " + e.getMessage() + " (row " + row + ")", e);
        }
      }
      rows += stored.size();
    }
    log.done("merge", "rows=" + rows + " traces=" + summary.totals().traces());

    Map<String, List<Row>> tables = TrafficTables.rows(summary, options.from(), options.to());
    tables.keySet().removeAll(absent);
    try (RangeOutput output = RangeOutput.begin(options.out(), options.from(), options.to(),
        spark.sparkContext().hadoopConfiguration())) {
      tables.forEach((table, tableRows) -> output.writeTable(spark, table, TrafficTables.schema(table), tableRows));
      output.commit();
      log.done("write", "edges=" + tables.get(TrafficTables.EDGES).size() + " services="
          + tables.get(TrafficTables.SERVICES).size() + " -> " + output.target());
      return new Result(output.target().toString(), tables);
    }
  }

  /**
   * Every table of every day must be there: name the missing ones. A table that only days written with tables v3
   * have ({@link TrafficTables#SINCE_V3}) is left out of the rollup when a day lacks it, since part of the range would
   * be wrong; returns those tables.
   */
  private List<String> checkDays(SparkSession spark, List<LocalDate> days) {
    List<String> missing = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    try {
      FileSystem fs = new Path(options.out()).getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (String table : TrafficTables.NAMES) {
        for (LocalDate day : days) {
          Path dir = layout.tableDay(table, day);
          if (fs.exists(dir)) continue;
          if (TrafficTables.SINCE_V3.contains(table)) {
            absent.add(table);
            break;
          }
          missing.add(dir.toString());
        }
      }
    } catch (IOException e) {
      throw new BadInputException("cannot read " + options.out() + ": " + e.getMessage(), e);
    }
    if (!missing.isEmpty()) {
      throw new BadInputException("the rollup of " + options.from() + ".." + options.to() + " needs every day's traffic"
          + " tables (run tracegraph nightly for those days); missing: " + String.join(", ",
          missing.size() > 10 ? missing.subList(0, 10) : missing) + (missing.size() > 10
          ? " and " + (missing.size() - 10) + " more" : ""));
    }
    return absent;
  }
}
