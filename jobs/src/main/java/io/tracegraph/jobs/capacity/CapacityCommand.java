package io.tracegraph.jobs.capacity;

import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.cli.DayRangeOptions;
import io.tracegraph.jobs.cli.DurationConverter;
import io.tracegraph.jobs.cli.SparkConfOption;
import io.tracegraph.jobs.cli.SparkMasterOption;
import io.tracegraph.reports.capacity.CapacityInput.EntryKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tracegraph capacity}: growth, forecasts and what-if projections from a range of daily traffic tables. */
@Command(name = "capacity",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    description = {
        "Capacity report of a range of days from the daily traffic tables: per service and per edge the daily calls, "
            + "busiest minute and p99; growth per week (a log-linear fit with its 95%% confidence interval and R²); "
            + "forecasts of daily calls and of the busiest minute at the horizon with a 95%% prediction interval "
            + "(series too short or too noisy are flagged instead); services ranked by growth; and with --scale, "
            + "each service's projected busiest minute when entry points' traffic is multiplied."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  tracegraph capacity --out /data/tracegraph --from 2026-10-01 --to 2026-11-23",
        "      writes /data/tracegraph/reports/capacity-2026-11-23/",
        "  tracegraph capacity --out /data/tracegraph --from 2026-10-01 \\",
        "      --to 2026-11-23 --horizon 30d --scale \"frontend POST /checkout=2.0\"",
        "",
        "Writes capacity.json, services.csv, edges.csv, whatif.csv (with --scale) and",
        "index.html atomically to OUT/reports/capacity-<to>/, replacing an earlier",
        "report of the same last day."})
public final class CapacityCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "OUT",
      description = "Output root of tracegraph nightly: tables are read from OUT/tables/, the report is written to "
          + "OUT/reports/capacity-<to>/.")
  String out;

  @Mixin
  DayRangeOptions range;

  @Option(names = "--horizon", paramLabel = "DURATION", defaultValue = CapacityOptions.HORIZON_DEFAULT,
      converter = DurationConverter.class,
      description = "How far after --to to forecast, in whole days: 30d, 90d, ... Default: ${DEFAULT-VALUE}.")
  Duration horizon;

  @Option(names = "--scale", paramLabel = "ENTRY=FACTOR",
      description = "What-if: multiply an entry point's traffic, e.g. \"frontend POST /checkout=2.0\" (SERVICE "
          + "OPERATION=FACTOR, factor >= 0). Repeatable.")
  List<String> scale = new ArrayList<>();

  @Mixin
  SparkMasterOption spark;

  @Mixin SparkConfOption sparkConf;

  CapacityOptions options() {
    try {
      if (horizon.isNegative() || horizon.toSeconds() % 86_400 != 0) {
        throw new IllegalArgumentException("--horizon must be a whole number of days (e.g. 90d), got " + horizon);
      }
      Map<EntryKey, Double> factors = new LinkedHashMap<>();
      for (String s : scale) {
        Map.Entry<EntryKey, Double> e = CapacityOptions.parseScale(s);
        if (factors.put(e.getKey(), e.getValue()) != null) {
          throw new IllegalArgumentException("--scale names " + e.getKey().label() + " twice");
        }
      }
      return new CapacityOptions(out, range.from(), range.to(), (int) Math.min(Integer.MAX_VALUE, horizon.toDays()),
          factors);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  @Override
  public Integer call() {
    CapacityOptions options = options();
    StageLog log = new StageLog("capacity " + options.from() + ".." + options.to());
    SparkSession session = spark.session("tracegraph capacity " + options.from() + ".." + options.to(), sparkConf);
    try {
      new CapacityJob(options).run(session, log);
      return 0;
    } finally {
      session.stop();
    }
  }
}
