package io.tracegraph.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.jobs.nightly.NightlyRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on object storage through a real S3 API (S3Proxy on 127.0.0.1, {@link S3Proxy}): a generated
 * two-day archive is uploaded to a bucket, the nightly job runs from bucket to bucket through the command line (a
 * separate JVM, as a user would start it, with the S3 settings as {@code --conf} and the credentials in the
 * environment), and its output must equal a local run's on the same archive. Then rollup, capacity and sql read
 * (and write) the bucket. The secret key is a recognisable string that no output file and no log line may contain.
 */
class ObjectStorageTest extends SparkTestBase {
  private static final String ACCESS_KEY = "tg-test-access-key";
  private static final String SECRET_KEY = "tg-SECRET-5f1c9e2b-do-not-print";
  private static final String SPANS = "s3a://archive/spans";
  private static final String OUT = "s3a://tracegraph/out";

  @TempDir static Path tmp;
  private static S3Proxy s3;
  private static Path localSpans;
  private static Path localOut;
  private static String nightlyLog;

  @BeforeAll
  static void startS3AndRunNightly() throws Exception {
    s3 = S3Proxy.start(tmp.resolve("s3"), ACCESS_KEY, SECRET_KEY, "archive", "tracegraph");
    localSpans = tmp.resolve("spans");
    TwoDayArchive.write(spark(), localSpans);
    Configuration conf = s3.configure(spark().sparkContext().hadoopConfiguration());
    FileUtil.copy(FileSystem.getLocal(conf), new org.apache.hadoop.fs.Path(localSpans.toUri()),
        new org.apache.hadoop.fs.Path(SPANS).getFileSystem(conf), new org.apache.hadoop.fs.Path(SPANS), false, conf);

    localOut = tmp.resolve("local-out");
    for (var day : List.of(TwoDayArchive.FIRST, TwoDayArchive.SECOND)) NightlyRunner.run(spark(), localSpans, localOut, day);

    List<String> command = new ArrayList<>(List.of("nightly", "--spans", SPANS, "--out", OUT,
        "--date", TwoDayArchive.FIRST.toString(), "--to", TwoDayArchive.SECOND.toString(), "--master", "local[2]"));
    command.addAll(s3.confArgs());
    command.addAll(List.of("--conf", "spark.sql.shuffle.partitions=3"));
    nightlyLog = runCli(command);
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (s3 != null) s3.close();
  }

  /** The nightly job from bucket to bucket writes what it writes on a local disk: same tables, same reports. */
  @Test
  void nightlyFromBucketToBucketGivesTheLocalRunsOutput() throws Exception {
    assertTrue(nightlyLog.contains("backfill: day 2 of 2"), nightlyLog);
    SameOutput.assertSame(spark(), s3Conf(), new SameOutput.Run(localOut.toString(), localSpans.toString()),
        new SameOutput.Run(OUT, SPANS), List.of(TwoDayArchive.FIRST, TwoDayArchive.SECOND));
  }

  /**
   * Credentials come from the standard places only and are never written: neither the objects the run wrote nor its
   * whole console output (Spark's log included) contain the secret key.
   */
  @Test
  void theSecretKeyIsInNoOutputAndNoLog() throws Exception {
    org.apache.hadoop.fs.Path bucket = new org.apache.hadoop.fs.Path("s3a://tracegraph/");
    FileSystem fs = bucket.getFileSystem(s3Conf());
    int objects = 0;
    for (RemoteIterator<LocatedFileStatus> it = fs.listFiles(bucket, true); it.hasNext(); objects++) {
      org.apache.hadoop.fs.Path object = it.next().getPath();
      byte[] bytes;
      try (InputStream in = fs.open(object)) {
        bytes = in.readAllBytes();
      }
      assertFalse(contains(bytes, SECRET_KEY), "the secret key is in " + object);
    }
    assertTrue(objects > 50, "the run wrote its tables and reports: " + objects + " objects");
    assertFalse(nightlyLog.contains(SECRET_KEY), "the secret key is in the log");
    assertTrue(nightlyLog.length() > 0);
  }

  /**
   * rollup, capacity and sql on the bucket, with the S3 settings and this time the credentials as {@code --conf}
   * (Hadoop's configuration, the other standard place), give what they give on the local output; sql writes its
   * CSV result to the bucket.
   */
  @Test
  void rollupCapacityAndSqlOnTheBucketGiveTheLocalResults() throws Exception {
    String from = TwoDayArchive.FIRST.toString();
    String to = TwoDayArchive.SECOND.toString();
    for (String out : List.of(OUT, localOut.toString())) {
      boolean remote = out.startsWith("s3a:");
      String result = remote ? "s3a://tracegraph/results/links.csv" : tmp.resolve("links.csv").toString();
      List<List<String>> commands = List.of(
          List.of("rollup", "--from", from, "--to", to, "--out", out),
          List.of("capacity", "--from", from, "--to", to, "--out", out),
          List.of("sql", "--out", out, "--format", "csv", "--output", result,
              "SELECT date, parent, child, call_count, error_count FROM dependency_links ORDER BY 1, 2, 3"));
      for (List<String> command : commands) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--master", "local[2]"));
        if (remote) {
          args.addAll(s3.confArgs());
          args.addAll(s3.credentialConfArgs());
        }
        assertEquals(0, runCommand(args.toArray(String[]::new)), String.join(" ", args));
      }
    }
    String rollup = "/rollups/" + from + "_" + to + "/tables/edges";
    assertEquals(sortedRows(localOut + rollup), sortedRows(OUT + rollup));
    String capacity = "/reports/capacity-" + to + "/capacity.json";
    assertEquals(read(localOut + capacity), read(OUT + capacity));
    String csv = read("s3a://tracegraph/results/links.csv");
    assertEquals(Files.readString(tmp.resolve("links.csv")), csv);
    assertTrue(csv.lines().count() > 10, csv);
    assertTrue(read(OUT + "/reports/index.html").contains("capacity-" + to), "the reports index lists capacity");
  }

  /**
   * A day is committed on S3 when its reports/D/run.json is written, last. A re-run of the second day is killed
   * (SIGKILL) in the middle of its commit, once the old run.json is gone and the tables are being replaced object by
   * object: {@code tracegraph sql} then reads the first day only and names the second as uncommitted.
   */
  @Test
  void aRunKilledWhileWritingToTheBucketLeavesNoDayVisibleToSql() throws Exception {
    String out = "s3a://tracegraph/killed";
    Configuration conf = s3Conf();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(out);
    FileSystem fs = root.getFileSystem(conf);
    FileUtil.copy(FileSystem.getLocal(conf), new org.apache.hadoop.fs.Path(localOut.toUri()), fs, root, false, conf);
    String second = TwoDayArchive.SECOND.toString();
    org.apache.hadoop.fs.Path runJson = new org.apache.hadoop.fs.Path(out + "/reports/" + second + "/run.json");
    assertTrue(fs.exists(runJson));

    List<String> args = new ArrayList<>(List.of("nightly", "--spans", SPANS, "--out", out, "--date", second,
        "--master", "local[2]", "--conf", "spark.sql.shuffle.partitions=3"));
    args.addAll(s3.confArgs());
    Process run = JavaProcesses.start(JavaProcesses.java(System.getProperty("java.class.path"), "1g",
        TracegraphCli.class.getName(), args), s3.credentialEnvironment(), tmp.resolve("killed.log"));
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (fs.exists(runJson) && run.isAlive() && System.nanoTime() < deadline) Thread.sleep(2);
    } finally {
      run.destroyForcibly().waitFor(); // SIGKILL: the commit has begun (the old run.json is gone), not ended
    }
    assertFalse(fs.exists(runJson), "killed in the middle of the commit: " + Files.readString(tmp.resolve("killed.log")));
    assertTrue(fs.globStatus(new org.apache.hadoop.fs.Path(out + "/tables/*/date=" + second)).length > 0,
        "part of the day's tables is in the bucket");

    java.nio.file.Path csv = tmp.resolve("after-kill.csv");
    List<String> sql = new ArrayList<>(List.of("sql", "--out", out, "--format", "csv", "--output", csv.toString(),
        "--master", "local[2]", "SELECT DISTINCT CAST(date AS STRING) AS date FROM dependency_links ORDER BY 1"));
    sql.addAll(s3.confArgs());
    sql.addAll(s3.credentialConfArgs());
    int[] code = new int[1];
    String err = StandardError.of(() -> code[0] = runCommand(sql.toArray(String[]::new)));
    assertEquals(0, code[0], err);
    assertEquals(List.of("date", TwoDayArchive.FIRST.toString()), Files.readAllLines(csv));
    assertTrue(err.contains("skipped 1 uncommitted day(s)") && err.contains(": " + second), err);
  }

  private static Configuration s3Conf() {
    return s3.configure(spark().sparkContext().hadoopConfiguration());
  }

  private static List<String> sortedRows(String path) {
    s3Conf();
    return SameOutput.rowTexts(spark().read().parquet(path).collectAsList());
  }

  private static String read(String path) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    try (InputStream in = p.getFileSystem(s3Conf()).open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean contains(byte[] bytes, String text) {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + needle.length <= bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) if (bytes[i + j] != needle[j]) continue outer;
      return true;
    }
    return false;
  }

  /** Runs {@code tracegraph ARGS} in a new JVM with the test classpath, the credentials in its environment. */
  private static String runCli(List<String> args) throws Exception {
    JavaProcesses.Finished run = JavaProcesses.run(JavaProcesses.java(System.getProperty("java.class.path"), "1g",
        TracegraphCli.class.getName(), args), s3.credentialEnvironment(), tmp.resolve("nightly.log"),
        Duration.ofMinutes(5));
    assertEquals(0, run.exitCode(), run.log());
    return run.log();
  }
}
