package io.tracegraph.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Creates the SparkSession of a command: local mode by default, any master URL otherwise. Spark's own log is kept
 * at WARN; the driver binds to loopback in local modes. For a cluster master, the application jars (found by the
 * launcher and passed as {@code -Dtracegraph.app.jar}, comma-separated: the spark-submit jar and the tools jar)
 * travel to the executors through {@code spark.jars}. The command's {@code --conf} settings are applied last, so
 * they win over these defaults.
 */
public final class SparkSessions {
  /** The master used when neither {@code --master} nor {@code SPARK_MASTER} is given. */
  public static final String DEFAULT_MASTER = "local[*]";
  public static final String APP_JAR_PROPERTY = "tracegraph.app.jar";

  private SparkSessions() {}

  /**
   * {@code --master} when given, else the {@code SPARK_MASTER} environment variable, else the master spark-submit
   * was given (the {@code spark.master} system property), else {@code local[*]}.
   */
  public static String resolveMaster(String option) {
    if (option != null && !option.isBlank()) return option;
    String env = System.getenv("SPARK_MASTER");
    if (env != null && !env.isBlank()) return env;
    String submitted = System.getProperty("spark.master");
    return submitted != null && !submitted.isBlank() ? submitted : DEFAULT_MASTER;
  }

  /** The jars of {@value #APP_JAR_PROPERTY} (comma-separated) that exist, comma-separated for {@code spark.jars}. */
  static String appJars() {
    String property = System.getProperty(APP_JAR_PROPERTY, "");
    return Arrays.stream(property.split(",")).map(String::trim)
        .filter(jar -> !jar.isEmpty() && Files.exists(Path.of(jar))).collect(Collectors.joining(","));
  }

  public static SparkSession create(String master, String appName) {
    return create(master, appName, Map.of());
  }

  /** A session with the command's {@code --conf} settings on top of tracegraph's defaults. */
  public static SparkSession create(String master, String appName, Map<String, String> settings) {
    SparkSession.Builder builder = SparkSession.builder()
        .appName(appName)
        .master(master)
        .config("spark.ui.enabled", System.getProperty("tracegraph.spark.ui", "false"))
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        // One small stage per shuffle is plenty for the tallies; adaptive execution sizes the big ones.
        .config("spark.sql.adaptive.enabled", "true")
        .config("spark.sql.parquet.compression.codec", "zstd")
        // The traffic tables have about a hundred columns; past 25 Spark warns each time it prints their plans.
        .config("spark.sql.debug.maxToStringFields", "200");
    if (master.startsWith("local")) {
      builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
    }
    String jars = appJars();
    boolean shipAppJars = !master.startsWith("local[") && !master.equals("local") && !jars.isEmpty();
    if (shipAppJars) builder.config("spark.jars", jars);
    settings.forEach(builder::config);
    if (shipAppJars && settings.containsKey("spark.jars")) { // more jars, not instead of ours
      builder.config("spark.jars", jars + "," + settings.get("spark.jars"));
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
