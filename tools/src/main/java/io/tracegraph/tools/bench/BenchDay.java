package io.tracegraph.tools.bench;

import io.tracegraph.jobs.SparkSessions;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** {@code --date} and {@code --master}, the options every benchmark command shares (a picocli mixin). */
final class BenchDay {
  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD") LocalDate date;
  @Option(names = "--master", paramLabel = "URL") String master;

  /** A session on {@code --master} (else $SPARK_MASTER, else local[*]) named {@code appName}. */
  SparkSession session(String appName) {
    return SparkSessions.create(SparkSessions.resolveMaster(master), appName);
  }
}
