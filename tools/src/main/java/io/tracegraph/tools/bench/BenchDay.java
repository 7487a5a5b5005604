package io.tracegraph.tools.bench;

import io.tracegraph.jobs.SparkSessions;
import io.tracegraph.jobs.cli.SparkConfOption;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --date}, {@code --master} and {@code --conf}: the options every benchmark command shares (a mixin). */
final class BenchDay {
  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD") LocalDate date;
  @Option(names = "--master", paramLabel = "URL") String master;
  @Mixin SparkConfOption sparkConf;

  /** A session on {@code --master} (else $SPARK_MASTER, else local[*]) named {@code appName}, with {@code --conf}. */
  SparkSession session(String appName) {
    return SparkSessions.create(SparkSessions.resolveMaster(master), appName, sparkConf.settings());
  }
}
