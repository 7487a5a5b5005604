package io.tracegraph.jobs.rollup;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.DayOutput;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.io.RangeOutput;
import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.TrafficSummary;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
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
 * <p>Only committed days are read, as by every reader of the output ({@link DayOutput#committedDays}): a day whose
 * tables are there but not its {@code reports/D/run.json} is being written, or was left by a killed run, and may be
 * half old, half new. It is left out of the rollup, named in the log and in {@link Result#uncommittedDays}, and
 * {@code totals.days} counts only the days rolled up. Every other day of the range must have all its traffic
 * tables; a missing one stops the rollup naming it. The {@code operation_edges} of a range that includes days
 * written before tables v3 are not written (those days have none).
 */
public final class RollupJob {
  private final RollupOptions options;
  private final OutputLayout layout;

  public RollupJob(RollupOptions options) {
    this.options = options;
    this.layout = OutputLayout.of(options.out());
  }

  /** What a rollup wrote: the range directory, the rows of each table, and the days left out as uncommitted. */
  public record Result(String directory, Map<String, List<Row>> tables, SortedSet<LocalDate> uncommittedDays) {}

  /** The days of the range to read, those left out, and the tables some days lack (tables v3). */
  private record Days(List<LocalDate> read, SortedSet<LocalDate> uncommitted, List<String> absentTables) {}

  public Result run(SparkSession spark, StageLog log) {
    List<LocalDate> range = new ArrayList<>();
    for (LocalDate d = options.from(); !d.isAfter(options.to()); d = d.plusDays(1)) range.add(d);
    Days days = checkDays(spark, range);
    if (!days.uncommitted().isEmpty()) {
      log.warn(DayOutput.skippedLine(days.uncommitted()) + "; the rollup counts the other " + days.read().size()
          + " day(s) of the range (totals.days)");
    }
    List<String> tablesRead = new ArrayList<>(TrafficTables.NAMES);
    tablesRead.removeAll(days.absentTables());
    log.done("list", "days=" + days.read().size() + " uncommitted=" + days.uncommitted().size() + " tables="
        + tablesRead.size() + (days.absentTables().isEmpty() ? ""
        : " (not rolled up, some days were written before tables v3: " + days.absentTables() + ")"));

    TrafficSummary summary = new TrafficSummary();
    long rows = 0;
    for (String table : tablesRead) {
      spark.sparkContext().setJobDescription("tracegraph rollup: read " + table);
      String[] paths = days.read().stream().map(d -> layout.tableDay(table, d).toString()).toArray(String[]::new);
      List<Row> stored = spark.read().schema(TrafficTables.schema(table)).parquet(paths).collectAsList();
      if (table.equals(TrafficTables.TOTALS) && stored.size() != days.read().size()) {
        throw new BadInputException("expected one totals row per day, found " + stored.size() + " for "
            + days.read().size() + " days under " + layout.table(TrafficTables.TOTALS));
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

    Map<String, List<Row>> tables = TrafficTables.rows(summary, options.from(), options.to(), days.read().size());
    tables.keySet().removeAll(days.absentTables());
    try (RangeOutput output = RangeOutput.begin(options.out(), options.from(), options.to(),
        spark.sparkContext().hadoopConfiguration())) {
      tables.forEach((table, tableRows) -> output.writeTable(spark, table, TrafficTables.schema(table), tableRows));
      output.commit();
      log.done("write", "edges=" + tables.get(TrafficTables.EDGES).size() + " services="
          + tables.get(TrafficTables.SERVICES).size() + " -> " + output.target());
      return new Result(output.target().toString(), tables, days.uncommitted());
    }
  }

  /**
   * Sorts the range's days: a day with traffic tables but no {@code run.json} is uncommitted and left out; every
   * other day is read and must have every table, so the missing ones are named (a day never analysed has none). A
   * table that only days written with tables v3 have ({@link TrafficTables#SINCE_V3}) is left out of the rollup when
   * a day lacks it, since part of the range would be wrong.
   */
  private Days checkDays(SparkSession spark, List<LocalDate> range) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    SortedSet<LocalDate> committed = DayOutput.committedDays(options.out(), conf);
    List<LocalDate> read = new ArrayList<>();
    SortedSet<LocalDate> uncommitted = new TreeSet<>();
    List<String> missing = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    try {
      FileSystem fs = new Path(options.out()).getFileSystem(conf);
      for (LocalDate day : range) {
        List<String> lacking = new ArrayList<>();
        for (String table : TrafficTables.NAMES) {
          if (!fs.exists(layout.tableDay(table, day))) lacking.add(table);
        }
        if (!committed.contains(day) && lacking.size() < TrafficTables.NAMES.size()) {
          uncommitted.add(day);
          continue;
        }
        read.add(day);
        for (String table : lacking) {
          if (!TrafficTables.SINCE_V3.contains(table)) {
            missing.add(layout.tableDay(table, day).toString());
          } else if (!absent.contains(table)) {
            absent.add(table);
          }
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
    if (read.isEmpty()) {
      throw new BadInputException("no committed day to roll up in " + options.from() + ".." + options.to() + ": "
          + DayOutput.skippedLine(uncommitted) + " (re-run tracegraph nightly for those days)");
    }
    return new Days(read, uncommitted, absent);
  }
}
