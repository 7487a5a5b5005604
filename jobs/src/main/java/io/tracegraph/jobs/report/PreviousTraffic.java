package io.tracegraph.jobs.report;

import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.jobs.tables.TrafficTables;
import io.tracegraph.model.TrafficSummary;
import java.io.IOException;
import java.time.LocalDate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The previous day's per-edge call durations for the latency test of the diff, read back from what that day wrote:
 * its {@code edges} table ({@code OUT/tables/edges/date=D/}), whose latency sketches are the very state today's
 * numbers come from in memory. Both days are thus sampled the same way, from the same kind of sketch, and no extra
 * file is needed. Only used when the previous day's graph.json has latency (so the table is from the same full run,
 * not left over from before a {@code --links-only} rerun).
 */
final class PreviousTraffic {
  private PreviousTraffic() {}

  /** The previous day's edges as a traffic summary (edges only), or {@code null} when it has no edges table. */
  static TrafficSummary edges(SparkSession spark, FileSystem fs, OutputLayout out, LocalDate day, StageLog log) {
    Path dir = out.tableDay(TrafficTables.EDGES, day);
    try {
      if (!fs.exists(dir)) return null;
      // Tables without the day's run.json belong to a run that did not commit (killed, or still writing on S3).
      if (!fs.exists(new Path(out.reportDay(day), OutputLayout.RUN_JSON))) {
        log.info("diff: latency not compared, " + day + " is not committed (no " + OutputLayout.RUN_JSON + ")");
        return null;
      }
    } catch (IOException e) {
      log.info("diff: cannot check " + dir + ": " + e.getMessage());
      return null;
    }
    try {
      TrafficSummary edges = new TrafficSummary();
      for (Row row : spark.read().schema(TrafficTables.schema(TrafficTables.EDGES)).parquet(dir.toString()).collectAsList()) {
        TrafficTables.mergeRow(edges, TrafficTables.EDGES, row);
      }
      return edges;
    } catch (Exception e) { // Spark rethrows SparkException (checked) undeclared
      log.info("diff: latency not compared, cannot read " + dir + ": " + e.getMessage());
      return null;
    }
  }
}
