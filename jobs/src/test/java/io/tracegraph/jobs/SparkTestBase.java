package io.tracegraph.jobs;

import io.tracegraph.jobs.cli.TracegraphCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession shared by every Spark test in the JVM (start-up costs seconds), stopped at exit.
 * {@link #localCluster()} starts a separate {@code local-cluster[2,1,1024]} session, whose executors are separate
 * JVMs: code that only works inside one JVM (unserializable functions, static state) fails there.
 */
public abstract class SparkTestBase {
  private static SparkSession shared;

  protected static synchronized SparkSession spark() {
    if (shared == null || shared.sparkContext().isStopped()) { // a CLI test may have stopped it
      shared = SparkSession.builder()
          .master("local[2]")
          .appName("tracegraph-test")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.sql.session.timeZone", "UTC")
          .getOrCreate();
      shared.sparkContext().setLogLevel("WARN");
      SparkSession session = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return shared;
  }

  /**
   * A session on {@code local-cluster[2,1,1024]}: two executor JVMs with one core and 1 GB each. Surefire sets
   * SPARK_HOME to a folder whose {@code jars/} the Worker needs (created here, empty: the executors get the test
   * classpath through {@code spark.executor.extraClassPath}). Stop the shared session first: one SparkContext
   * per JVM.
   */
  protected static synchronized SparkSession localCluster() throws Exception {
    if (shared != null) {
      shared.stop();
      shared = null;
    }
    String sparkHome = System.getenv("SPARK_HOME");
    if (sparkHome == null) throw new IllegalStateException("SPARK_HOME is not set (Surefire sets it)");
    Files.createDirectories(Path.of(sparkHome, "jars"));
    SparkSession session = SparkSession.builder()
        .master("local-cluster[2,1,1024]")
        .appName("tracegraph-local-cluster-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
        .getOrCreate();
    session.sparkContext().setLogLevel("WARN");
    return session;
  }

  /**
   * Runs a command line in this JVM as a user would run it: the shared session is stopped first, so that the command
   * builds its own from its options ({@code --master}, {@code --conf}), and Hadoop's cached file systems are closed,
   * so that they are made from the command's configuration. The next {@link #spark()} starts a new shared session.
   */
  protected static synchronized int runCommand(String... args) throws IOException {
    stopSharedSession();
    FileSystem.closeAll();
    return TracegraphCli.run(args);
  }

  /** Stops the shared session, so that the next session is built from its own settings; {@link #spark()} restarts it. */
  protected static synchronized void stopSharedSession() {
    if (shared != null) {
      shared.stop();
      shared = null;
    }
  }
}
