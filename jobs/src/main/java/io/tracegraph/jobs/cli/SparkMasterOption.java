package io.tracegraph.jobs.cli;

import io.tracegraph.jobs.SparkSessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * {@code --master}, the option every Spark command shares (a picocli mixin): the Spark master URL, resolved as
 * {@link SparkSessions#resolveMaster} says, and the session of the command.
 */
public final class SparkMasterOption {
  @Option(names = "--master", paramLabel = "URL", description = "Spark master. Default: $SPARK_MASTER, else local[*].")
  String master;

  /** The master to use: {@code --master}, else {@code $SPARK_MASTER}, else spark-submit's, else {@code local[*]}. */
  public String resolve() {
    return SparkSessions.resolveMaster(master);
  }

  /** A session on {@link #resolve()} named {@code appName}, with the command's {@code --conf} settings. */
  public SparkSession session(String appName, SparkConfOption conf) {
    return SparkSessions.create(resolve(), appName, conf.settings());
  }
}
