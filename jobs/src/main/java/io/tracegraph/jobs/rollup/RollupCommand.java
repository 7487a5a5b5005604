package io.tracegraph.jobs.rollup;

import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.cli.DayRangeOptions;
import io.tracegraph.jobs.cli.SparkConfOption;
import io.tracegraph.jobs.cli.SparkMasterOption;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tracegraph rollup}: the traffic tables of a range of days, from the daily tables alone. */
@Command(name = "rollup",
    mixinStandardHelpOptions = true,
    description = {
        "Builds the traffic tables (edges, operation_edges, services, operations, entry_points, totals) of a range of "
            + "days from the "
            + "daily tables that tracegraph nightly wrote, without reading spans: latency sketches merged, counts "
            + "summed, busiest minute the largest of the days'. The result equals one analysis of all the range's "
            + "traces. Every day of the range must have been analysed; a day not committed (tables there, no "
            + "reports/D/run.json: being written, or left by a killed run) is left out and named, and totals.days "
            + "counts the days rolled up."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  tracegraph rollup --from 2026-11-16 --to 2026-11-22 --out /data/tracegraph",
        "      one week: /data/tracegraph/rollups/2026-11-16_2026-11-22/tables/<name>/",
        "  tracegraph rollup --from 2026-10-01 --to 2026-12-31 \\",
        "      --out hdfs:///tracegraph --master spark://host:7077",
        "",
        "Writes OUT/rollups/<from>_<to>/tables/<name>/*.parquet atomically, replacing an earlier rollup of the same "
            + "range."})
public final class RollupCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DayRangeOptions range;

  @Option(names = "--out", required = true, paramLabel = "OUT",
      description = "Output root of tracegraph nightly: daily tables are read from OUT/tables/, the rollup is "
          + "written to OUT/rollups/.")
  String out;

  @Mixin
  SparkMasterOption spark;

  @Mixin SparkConfOption sparkConf;

  @Override
  public Integer call() {
    RollupOptions options;
    try {
      options = new RollupOptions(out, range.from(), range.to());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    StageLog log = new StageLog("rollup " + options.from() + ".." + options.to());
    SparkSession session = spark.session("tracegraph rollup " + options.from() + ".." + options.to(), sparkConf);
    try {
      new RollupJob(options).run(session, log);
      return 0;
    } finally {
      session.stop();
    }
  }
}
