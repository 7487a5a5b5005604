package io.tracegraph.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.SparkSessions;
import io.tracegraph.jobs.SparkTestBase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --conf KEY=VALUE} ({@link SparkConfOption}): on every Spark command, parsed as spark-submit users expect. */
class SparkConfOptionTest extends SparkTestBase {

  /** Every command that builds a SparkSession (and import, for its Hadoop configuration) takes --conf. */
  @Test
  void everyCommandTakesConf() {
    CommandLine cli = TracegraphCli.commandLine();
    List<String> without = cli.getSubcommands().entrySet().stream()
        .filter(e -> !e.getKey().equals("help"))
        .filter(e -> e.getValue().getCommandSpec().findOption("--conf") == null).map(Map.Entry::getKey).toList();
    assertEquals(List.of(), without, "commands without --conf");
  }

  /**
   * Settings keep their order, a key given twice takes its last value (as with spark-submit), a value may hold '='
   * (Java options), and the spark.hadoop.* ones are Hadoop's keys without the prefix.
   */
  @Test
  void repeatedSettingsInOrderLastWinsValuesMayHoldEquals() {
    SparkConfOption conf = parsed("nightly", "--spans", "x", "--out", "y",
        "--conf", "spark.executor.memory=2g", "--conf", "spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000",
        "--conf", "spark.executor.memory=8g", "--conf", "spark.driver.extraJavaOptions=-Da=b -Dc=d",
        "--conf", "spark.app.empty=");
    Map<String, String> want = new LinkedHashMap<>();
    want.put("spark.executor.memory", "8g");
    want.put("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000");
    want.put("spark.driver.extraJavaOptions", "-Da=b -Dc=d");
    want.put("spark.app.empty", "");
    assertEquals(want, conf.settings());
    assertEquals(List.copyOf(want.keySet()), List.copyOf(conf.settings().keySet()));
    assertEquals(Map.of("fs.s3a.endpoint", "http://127.0.0.1:9000"), conf.hadoopSettings());
  }

  /**
   * Bad syntax is a usage error (exit 2) that says what is wrong; a Hadoop key without its spark.hadoop. prefix names
   * the right spelling, and the value (perhaps a secret) is never echoed.
   */
  @Test
  void badSettingsAreUsageErrorsThatNeverPrintTheValue() {
    assertUsageError("should be in KEY=VALUE format", "--conf", "spark.executor.memory");
    assertUsageError("a setting needs a name", "--conf", "=8g");
    assertUsageError("contains a space", "--conf", "spark.executor memory=8g");
    assertUsageError("use --master", "--conf", "spark.master=local[2]");
    String err = assertUsageError("spark.hadoop.fs.s3a.secret.key=", "--conf", "fs.s3a.secret.key=TOPSECRET-42");
    assertFalse(err.contains("TOPSECRET-42"), err);
  }

  /** The session gets the settings, over tracegraph's defaults, and spark.hadoop.* reach Hadoop's configuration. */
  @Test
  void sessionAppliesTheSettingsOverTheDefaults() {
    stopSharedSession();
    SparkSession session = SparkSessions.create("local[1]", "conf-test", Map.of(
        "spark.sql.session.timeZone", "Europe/Paris", // a tracegraph default (UTC), overridden
        "spark.ui.enabled", "false",
        "spark.hadoop.fs.tracegraph.test", "yes"));
    try {
      assertEquals("Europe/Paris", session.conf().get("spark.sql.session.timeZone"));
      assertEquals("yes", session.sparkContext().hadoopConfiguration().get("fs.tracegraph.test"));
      assertEquals("zstd", session.conf().get("spark.sql.parquet.compression.codec"), "other defaults stay");
    } finally {
      session.stop();
    }
  }

  private static SparkConfOption parsed(String... args) {
    CommandLine.ParseResult result = TracegraphCli.commandLine().parseArgs(args);
    Object mixin = result.subcommand().commandSpec().mixins().get("sparkConf").userObject();
    assertNotNull(mixin);
    return (SparkConfOption) mixin;
  }

  /** Runs nightly with {@code conf}; asserts exit code 2 and a message containing {@code expected}. */
  private static String assertUsageError(String expected, String... conf) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("nightly", "--spans", "x", "--out", "y"),
          java.util.stream.Stream.of(conf)).toArray(String[]::new);
      assertEquals(2, TracegraphCli.run(args), String.join(" ", args));
    } finally {
      System.setErr(saved);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains(expected), "'" + expected + "' in: " + text);
    return text;
  }
}
