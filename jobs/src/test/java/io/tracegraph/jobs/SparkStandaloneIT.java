package io.tracegraph.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.reports.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Spark standalone cluster: {@code scripts/spark-standalone start 2} (a master and two workers, separate
 * JVMs on 127.0.0.1, from the project's jars), and the application jar submitted with Spark's own
 * {@code spark-submit} (SparkSubmit from the launcher's classpath, no tracegraph class on it), in cluster and in
 * client deploy mode. Each run's output must equal a {@code local[*]} run's. In the client mode run one worker is
 * killed with SIGKILL as soon as its executor runs a task: the job must still finish, with the same output (Spark
 * runs the lost tasks again on the other executor). The processes the cluster started must all be gone after
 * {@code scripts/spark-standalone stop}. Runs in the integration-test phase, after the jar is built.
 *
 * <p>Two submissions, not three (a client run without a failure as well): each costs half a minute or more of
 * executor start-ups and small jobs, and the run with the failure is a client mode run that must give the same
 * output all the same.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkStandaloneIT extends SparkTestBase {
  private static final Path ROOT = Path.of("target", "standalone-it").toAbsolutePath();
  private static final Path CLUSTER = ROOT.resolve("cluster");
  private static final Path SPANS = ROOT.resolve("spans");
  private static final Path LOCAL_OUT = ROOT.resolve("out-local");
  private static final LocalDate DAY = TwoDayArchive.FIRST;
  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
  private static String master;
  private static String masterUi;
  private static long startedNanos;

  @BeforeAll
  static void startClusterAndRunLocally() throws Exception {
    startedNanos = System.nanoTime();
    TestDirs.delete(ROOT);
    TwoDayArchive.write(spark(), SPANS);
    assertEquals(0, runCommand("nightly", "--spans", SPANS.toString(), "--out", LOCAL_OUT.toString(),
        "--date", DAY.toString(), "--master", "local[*]"));
    JavaProcesses.Finished started = script("start", "2");
    assertEquals(0, started.exitCode(), started.log());
    master = Files.readString(CLUSTER.resolve("master-url")).trim();
    masterUi = Files.readString(CLUSTER.resolve("master-ui")).trim();
    assertTrue(started.log().strip().endsWith(master), "start prints the master URL last: " + started.log());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    List<Long> daemons = new ArrayList<>();
    try (Stream<Path> pidFiles = Files.list(CLUSTER.resolve("run"))) {
      for (Path f : pidFiles.toList()) daemons.add(Long.parseLong(Files.readString(f).trim()));
    }
    JavaProcesses.Finished stopped = script("stop");
    assertEquals(0, stopped.exitCode(), stopped.log());
    assertEquals(List.of(), daemons.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
        .orElse(false)).toList(), "the master and workers are gone");
    assertEquals(List.of(), processesUnder(CLUSTER), "the executors and drivers the workers started are gone");
    System.out.printf("SparkStandaloneIT: %.1f s%n", (System.nanoTime() - startedNanos) / 1e9);
  }

  @Test
  @Order(1)
  void clusterDeployModeGivesTheLocalOutput() throws Exception {
    JavaProcesses.Finished submitted = submit("cluster", ROOT.resolve("out-cluster")).waitFor();
    assertEquals(0, submitted.exitCode(), submitted.log());
    Matcher id = Pattern.compile("Driver successfully submitted as (driver-[0-9-]+)").matcher(submitted.log());
    assertTrue(id.find(), submitted.log());
    assertEquals("FINISHED", driverState(id.group(1), Duration.ofMinutes(5)), "the driver on the cluster ended well");
    assertSameAsLocal(ROOT.resolve("out-cluster"));
    assertTrue(executorLogs().stream().anyMatch(log -> log.contains("Running task")), "executors ran the tasks");
  }

  @Test
  @Order(2)
  void clientDeployModeWithAWorkerKilledMidJobGivesTheLocalOutput() throws Exception {
    Set<String> earlierApps = applicationIds();
    Submission submission = submit("client", ROOT.resolve("out-killed"));
    int worker = workerRunningATask(submission, earlierApps, Duration.ofMinutes(3));
    long pid = Long.parseLong(Files.readString(CLUSTER.resolve("run/worker-" + worker + ".pid")).trim());
    ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
    assertTrue(handle.destroyForcibly(), "SIGKILL worker " + worker); // destroyForcibly is SIGKILL on Linux
    JavaProcesses.Finished run = submission.waitFor();
    assertEquals(0, run.exitCode(), run.log());
    assertTrue(run.log().contains("Lost executor"), "the driver lost the killed worker's executor:\n" + run.log());
    assertSameAsLocal(ROOT.resolve("out-killed"));
  }

  private static void assertSameAsLocal(Path out) throws IOException {
    SameOutput.assertSame(spark(), spark().sparkContext().hadoopConfiguration(),
        new SameOutput.Run(LOCAL_OUT.toString(), SPANS.toString()), new SameOutput.Run(out.toString(), SPANS.toString()),
        List.of(DAY));
  }

  /** A running spark-submit. */
  private record Submission(Process process, Path log) {
    JavaProcesses.Finished waitFor() throws Exception {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError("spark-submit did not finish in 5 minutes:\n" + Files.readString(log));
      }
      return new JavaProcesses.Finished(process.exitValue(), Files.readString(log));
    }
  }

  /** Starts spark-submit of the application jar's nightly job for {@link #DAY}, writing to {@code out}. */
  private static Submission submit(String deployMode, Path out) throws IOException {
    Path jar;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jar = files.filter(p -> p.getFileName().toString().endsWith("-spark.jar")).findFirst().orElseThrow()
          .toAbsolutePath();
    }
    List<String> args = List.of("--master", master, "--deploy-mode", deployMode,
        "--driver-memory", "512m", "--executor-memory", "512m", "--conf", "spark.ui.enabled=false",
        "--class", TracegraphCli.class.getName(), jar.toString(),
        "nightly", "--spans", SPANS.toString(), "--out", out.toString(), "--date", DAY.toString());
    Path log = ROOT.resolve("submit-" + out.getFileName() + ".log");
    Process process = JavaProcesses.start(JavaProcesses.java(sparkClasspath(), "512m",
        "org.apache.spark.deploy.SparkSubmit", args), Map.of("SPARK_LOCAL_IP", "127.0.0.1"), log);
    return new Submission(process, log);
  }

  /** The launcher's classpath without tracegraph's own classes and jars: Spark, Hadoop, hadoop-aws. */
  private static String sparkClasspath() throws IOException {
    return Arrays.stream(Files.readString(Path.of("target", "classpath.txt")).trim().split(":"))
        .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().startsWith(PROJECT))
        .collect(Collectors.joining(":"));
  }

  /** Waits until an executor of a new application logs "Running task"; returns the number of its worker. */
  private static int workerRunningATask(Submission submission, Set<String> earlierApps, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    Pattern executorLog = Pattern.compile(".*/work/(\\d+)/(app-[^/]+)/\\d+/stderr$");
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.walk(CLUSTER.resolve("work"))) {
        for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
          Matcher m = executorLog.matcher(f.toString());
          if (m.matches() && !earlierApps.contains(m.group(2)) && Files.readString(f).contains("Running task")) {
            return Integer.parseInt(m.group(1));
          }
        }
      }
      if (!submission.process().isAlive()) throw new AssertionError("finished before a worker could be killed");
      Thread.sleep(50);
    }
    throw new AssertionError("no executor ran a task within " + timeout + ":\n" + Files.readString(submission.log()));
  }

  /** The ids of the applications that ran executors so far (each has a folder in a worker's work folder). */
  private static Set<String> applicationIds() throws IOException {
    try (Stream<Path> apps = Files.walk(CLUSTER.resolve("work"), 2)) {
      return apps.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("app-")).collect(Collectors.toSet());
    }
  }

  private static List<String> executorLogs() throws IOException {
    try (Stream<Path> files = Files.walk(CLUSTER.resolve("work"))) {
      List<String> logs = new ArrayList<>();
      for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        logs.add(Files.readString(f));
      }
      return logs;
    }
  }

  /** Polls the master's JSON status until the driver has ended; returns its final state. */
  private static String driverState(String driverId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = Json.mapper().readTree(URI.create(masterUi + "/json/").toURL());
      for (JsonNode d : status.path("completeddrivers")) {
        if (d.path("id").asText().equals(driverId)) return d.path("state").asText();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("driver " + driverId + " still running after " + timeout);
  }

  private static JavaProcesses.Finished script(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", PROJECT.resolve("scripts/spark-standalone").toString()));
    command.addAll(List.of(args));
    return JavaProcesses.run(command, Map.of("TRACEGRAPH_STANDALONE_DIR", CLUSTER.toString()),
        ROOT.resolve("script-" + args[0] + ".log"), Duration.ofMinutes(3));
  }

  /** Processes whose working directory is under {@code dir} (the cluster's daemons, executors and drivers). */
  private static List<Long> processesUnder(Path dir) {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        Optional<Path> cwd;
        try {
          cwd = Optional.of(Files.readSymbolicLink(p.resolve("cwd")));
        } catch (IOException | SecurityException e) {
          cwd = Optional.empty();
        }
        if (cwd.isPresent() && cwd.get().startsWith(dir)) pids.add(Long.parseLong(p.getFileName().toString()));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return pids;
  }
}
