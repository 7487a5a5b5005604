package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tracegraph.jobs.FaultPoint;
import io.tracegraph.jobs.JavaProcesses;
import io.tracegraph.jobs.SameOutput;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.TestDirs;
import io.tracegraph.jobs.TwoDayArchive;
import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.jobs.io.DayOutput;
import io.tracegraph.jobs.io.OutputLayout;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that share one {@code --out}, through real nightly runs: a second run of a day that is being written exits
 * with its own code and writes nothing; {@code --skip-existing} resumes a backfill; a run killed with SIGKILL leaves
 * the previous day intact, and the next run of the day removes its staging and writes what an undisturbed run writes.
 */
class SharedOutputTest extends SparkTestBase {
  static final LocalDate FIRST = TwoDayArchive.FIRST;
  static final LocalDate SECOND = TwoDayArchive.SECOND;

  @TempDir static Path root;
  static Path spans;

  @BeforeAll
  static void archive() {
    spans = root.resolve("spans");
    TwoDayArchive.write(spark(), spans);
  }

  /**
   * A day that another live run (here on another machine, heartbeat fresh) is writing: exit 5, the holder named, the
   * day not written. Once the lock is gone the day runs; a resumed backfill with --skip-existing leaves the committed
   * day as it was (not a byte, not a file time changed) and writes the missing one.
   */
  @Test
  void secondRunOfALockedDayExitsWithItsOwnCodeAndSkipExistingResumes() throws Exception {
    Path out = root.resolve("out-lock");
    Path lock = out.resolve(OutputLayout.LOCKS).resolve(FIRST + ".lock");
    Files.createDirectories(lock.getParent());
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    Files.writeString(lock, "{\"run_id\":\"other-run\",\"host\":\"worker-7.example\",\"pid\":4242,"
        + "\"started_at\":\"" + now + "\",\"heartbeat_at\":\"" + now + "\"}\n");

    Command locked = nightly(out, "--date", FIRST.toString(), "--to", SECOND.toString());
    assertEquals(TracegraphCli.DAY_LOCKED, locked.exitCode(), locked.err());
    assertTrue(locked.err().contains("tracegraph: locked: day " + FIRST + " of " + out), locked.err());
    assertTrue(locked.err().contains("run other-run on host worker-7.example, pid 4242"), locked.err());
    assertFalse(Files.exists(out.resolve("reports")), "nothing written");
    assertFalse(Files.exists(out.resolve("tables")), "nothing written");
    assertTrue(Files.exists(lock), "another run's lock is never removed");

    Files.delete(lock);
    assertEquals(0, nightly(out, "--date", FIRST.toString()).exitCode());
    Path firstRun = NightlyRunner.report(out, FIRST, OutputLayout.RUN_JSON);
    byte[] firstBytes = Files.readAllBytes(firstRun);
    FileTime firstTime = Files.getLastModifiedTime(firstRun);
    assertFalse(Files.exists(out.resolve(OutputLayout.LOCKS).resolve(FIRST + ".lock")), "released");

    Command resumed = nightly(out, "--date", FIRST.toString(), "--to", SECOND.toString(), "--skip-existing");
    assertEquals(0, resumed.exitCode(), resumed.err());
    assertTrue(resumed.err().contains("skip-existing: day 1 of 2: " + FIRST + " is already committed, skipped"),
        resumed.err());
    assertTrue(resumed.err().contains("skip-existing: 1 run, 1 skipped"), resumed.err());
    assertArrayEquals(firstBytes, Files.readAllBytes(firstRun), "the committed day is not run again");
    assertEquals(firstTime, Files.getLastModifiedTime(firstRun));
    assertTrue(Files.exists(NightlyRunner.report(out, SECOND, OutputLayout.RUN_JSON)), "the missing day is written");
    assertFalse(NightlyRunner.tableLinks(spark(), out, SECOND).isEmpty(), "the missing day's links");
  }

  /**
   * issue 13: SIGKILL while the day is being written (its staging directory exists). The previous output of the day
   * stays byte-identical, the staging and the lock stay behind; the next run takes the dead run's lock over at once
   * (same host, process gone), removes its staging, and writes what an undisturbed run writes.
   */
  @Test
  void runKilledWhileWritingLeavesThePreviousDayAndTheNextRunCleansUp() throws Exception {
    Path undisturbed = undisturbed();
    Path out = previousOutput("out-killed");
    Path runJson = NightlyRunner.report(out, FIRST, OutputLayout.RUN_JSON);
    byte[] previous = Files.readAllBytes(runJson);

    Path log = root.resolve("killed-run.log");
    Process child = JavaProcesses.start(JavaProcesses.java(System.getProperty("java.class.path"), "1g",
            TracegraphCli.class.getName(), List.of("nightly", "--spans", spans.toString(), "--out", out.toString(),
                "--date", FIRST.toString(), "--master", "local[1]", "--conf", "spark.ui.enabled=false")),
        Map.of("SPARK_LOCAL_IP", "127.0.0.1"), log);
    Path staged = awaitStaging(out.resolve(OutputLayout.STAGING), child, log);
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
    assertNotEquals(0, child.waitFor());

    assertArrayEquals(previous, Files.readAllBytes(runJson), "the previous day is intact");
    assertTrue(Files.exists(staged), "the killed run's staging is left behind");
    assertTrue(Files.exists(out.resolve(OutputLayout.LOCKS).resolve(FIRST + ".lock")), "and its lock");

    NightlyRunner.run(spark(), spans, out, FIRST);
    assertCleanAndUndisturbed(undisturbed, out);
  }

  /**
   * issue 13: SIGKILL during the scan (a task of the analysis pass running, nothing staged yet). The previous output
   * of the day is untouched, tables and reports; the next run cleans up and writes what an undisturbed run writes.
   */
  @Test
  void runKilledDuringTheScanLeavesThePreviousDayWhole() throws Exception {
    Path undisturbed = undisturbed();
    Path out = previousOutput("out-killed-scan");

    killAt(FaultPoint.SCAN, out);
    assertSameDay(undisturbed, out); // the previous day, whole
    assertTrue(Files.exists(out.resolve(OutputLayout.LOCKS).resolve(FIRST + ".lock")), "the dead run's lock stays");

    NightlyRunner.run(spark(), spans, out, FIRST);
    assertCleanAndUndisturbed(undisturbed, out);
  }

  /**
   * issue 13: SIGKILL inside the commit, after the tables are swapped in and before the report directory is. The day
   * then reads as not committed: no run.json (the report directory was moved aside first), so no reader takes the old
   * report for the new tables. The next run of the day undoes the interrupted commit before anything else: the
   * previous output of the day is back whole (its own directories, marked here before the kill), even when that run
   * is killed too (here in its scan). A re-run of the day then writes what an undisturbed run writes.
   */
  @Test
  void runKilledBetweenTheTablesAndTheReportIsUndoneByTheNextRun() throws Exception {
    Path undisturbed = undisturbed();
    Path out = previousOutput("out-killed-commit");
    List<Path> marks; // one in each directory of the day: every table's and the report's
    try (Stream<Path> tables = Files.list(out.resolve(OutputLayout.TABLES))) {
      marks = Stream.concat(tables.map(t -> t.resolve("date=" + FIRST)), Stream.of(out.resolve("reports/" + FIRST)))
          .map(dir -> dir.resolve("previous-output")).toList();
    }
    assertTrue(marks.size() > 10, marks.toString());
    for (Path mark : marks) Files.writeString(mark, "the previous output of the day");
    Path runJson = NightlyRunner.report(out, FIRST, OutputLayout.RUN_JSON);
    byte[] previous = Files.readAllBytes(runJson);

    killAt(FaultPoint.BEFORE_REPORT_COMMIT, out);
    assertFalse(DayOutput.isCommitted(out.toString(), FIRST, new Configuration()), "not committed: no run.json");
    assertFalse(Files.exists(out.resolve("reports").resolve(FIRST.toString())), "no half-old report directory");
    assertFalse(Files.exists(marks.get(0)), "the new tables are in place");

    String next = killAt(FaultPoint.SCAN, out); // the next run undoes the commit first, then dies in its scan
    assertTrue(next.contains("a dead run was killed while committing day " + FIRST
        + ": its previous output is back in place"), next);
    for (Path mark : marks) assertTrue(Files.exists(mark), "the previous day's own directory is back: " + mark);
    assertArrayEquals(previous, Files.readAllBytes(runJson), "the previous day, committed by its own run.json");

    NightlyRunner.run(spark(), spans, out, FIRST);
    assertCleanAndUndisturbed(undisturbed, out);
    for (Path mark : marks) assertFalse(Files.exists(mark), "replaced by the re-run: " + mark);
  }

  /** The output of FIRST written by an undisturbed run (once, shared by the kill tests). */
  private static Path undisturbed() {
    Path undisturbed = root.resolve("out-undisturbed");
    if (!Files.exists(undisturbed)) NightlyRunner.run(spark(), spans, undisturbed, FIRST);
    return undisturbed;
  }

  /** A copy of the undisturbed output under {@code name}: the previous output of the day that a run is killed on. */
  private static Path previousOutput(String name) {
    Path out = root.resolve(name);
    TestDirs.copy(undisturbed(), out);
    return out;
  }

  /** After the re-run: no staging or lock left, and the output of FIRST is what an undisturbed run wrote. */
  private static void assertCleanAndUndisturbed(Path undisturbed, Path out) throws Exception {
    assertFalse(Files.exists(out.resolve(OutputLayout.STAGING)), "no staging left");
    assertFalse(Files.exists(out.resolve(OutputLayout.LOCKS).resolve(FIRST + ".lock")), "no lock left");
    assertSameDay(undisturbed, out);
  }

  /** Day FIRST of {@code out} equals that of {@code undisturbed}: table rows and report bytes. */
  private static void assertSameDay(Path undisturbed, Path out) throws Exception {
    SameOutput.assertSame(spark(), new Configuration(), new SameOutput.Run(undisturbed.toString(), spans.toString()),
        new SameOutput.Run(out.toString(), spans.toString()), List.of(FIRST));
  }

  /** Runs the nightly job on FIRST in a child JVM (local[1]), waits until it pauses at {@code point}, SIGKILLs it. */
  private static String killAt(FaultPoint point, Path out) throws Exception {
    Path log = root.resolve("killed-at-" + point.key() + ".log");
    List<String> command = new java.util.ArrayList<>(JavaProcesses.java(System.getProperty("java.class.path"), "1g",
        TracegraphCli.class.getName(), List.of("nightly", "--spans", spans.toString(), "--out", out.toString(),
            "--date", FIRST.toString(), "--master", "local[1]", "--conf", "spark.ui.enabled=false")));
    command.add(1, "-D" + FaultPoint.PROPERTY + "=" + point.key());
    Process child = JavaProcesses.start(command, Map.of("SPARK_LOCAL_IP", "127.0.0.1"), log);
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (!new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains("tracegraph: paused at " + point.key())) {
      if (!child.isAlive()) fail("the run ended (" + child.exitValue() + ") before " + point + ":\n" + Files.readString(log));
      if (System.nanoTime() > deadline) {
        child.destroyForcibly().waitFor();
        fail("the run did not reach " + point + " within 5 minutes:\n" + Files.readString(log));
      }
      Thread.sleep(20);
    }
    child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
    assertNotEquals(0, child.waitFor());
    return Files.readString(log);
  }

  /** Waits until the child run stages its day (it is writing), and returns the staging directory. */
  private static Path awaitStaging(Path staging, Process child, Path log) throws Exception {
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(staging)) {
        try (Stream<Path> dirs = Files.list(staging)) {
          Path day = dirs.filter(d -> d.getFileName().toString().startsWith(FIRST + "-")).findFirst().orElse(null);
          if (day != null) return day;
        } catch (java.nio.file.NoSuchFileException e) {
          // removed between the two looks
        }
      }
      if (!child.isAlive()) fail("the run ended (" + child.exitValue() + ") before it was killed:\n" + Files.readString(log));
      Thread.sleep(5);
    }
    child.destroyForcibly().waitFor();
    throw new AssertionError("the run did not start writing within 5 minutes:\n" + Files.readString(log));
  }

  private record Command(int exitCode, String err) {}

  /** Runs {@code tracegraph nightly} on the archive in this JVM (local[1]), capturing what it prints on stderr. */
  private static Command nightly(Path out, String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("nightly", "--spans", spans.toString(), "--out",
        out.toString(), "--master", "local[1]", "--conf", "spark.ui.enabled=false"));
    args.addAll(List.of(more));
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code = runCommand(args.toArray(String[]::new));
      return new Command(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
      saved.print(captured.toString(StandardCharsets.UTF_8));
    }
  }
}
