package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.SameOutput;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.TestDirs;
import io.tracegraph.jobs.TwoDayArchive;
import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.jobs.io.FullDiskFileSystem;
import io.tracegraph.jobs.io.OutputFullException;
import io.tracegraph.jobs.io.OutputLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * issue 13: the output's disk fills up during a nightly run ({@link FullDiskFileSystem}: writes fail with ENOSPC after
 * N bytes). The run exits with code 4 and a message naming the day and the output, without a stack trace; the
 * previous output of the day is as it was, the run's staging is removed and its lock released.
 */
class OutputFullTest extends SparkTestBase {
  static final LocalDate DAY = TwoDayArchive.FIRST;

  @TempDir static Path root;
  static Path spans;
  static Path previous;

  @BeforeAll
  static void archiveAndPreviousDay() {
    spans = root.resolve("spans");
    TwoDayArchive.write(spark(), spans);
    previous = root.resolve("previous");
    NightlyRunner.run(spark(), spans, previous, DAY);
  }

  /**
   * The disk fills at three moments: while Spark writes the first table (in a task), in the middle of the writes, and
   * near their end (the report files, written by the driver). Each: exit 4, the previous day whole.
   */
  @Test
  void fullDiskExitsWithCode4AndLeavesThePreviousDay() throws Exception {
    Path unlimited = root.resolve("unlimited");
    TestDirs.copy(previous, unlimited);
    FullDiskFileSystem.WRITTEN.set(0);
    FullDiskFileSystem.BUDGET.set(Long.MAX_VALUE);
    Command ok = nightly(unlimited);
    assertEquals(0, ok.exitCode(), ok.err());
    long runBytes = FullDiskFileSystem.WRITTEN.get();
    assertTrue(runBytes > 10_000, "a run writes its tables and reports through the file system: " + runBytes);

    // Not the last bytes: a run's size varies by a few bytes (its times and lock), and the last write is the reports
    // index, rewritten after the commit.
    for (long budget : List.of(600L, runBytes / 2, runBytes * 9 / 10)) {
      Path out = root.resolve("full-" + budget);
      TestDirs.copy(previous, out);
      FullDiskFileSystem.BUDGET.set(budget);
      Command full = nightly(out);
      assertEquals(TracegraphCli.OUTPUT_FULL, full.exitCode(), "budget " + budget + ":\n" + full.err());
      assertTrue(full.err().contains("tracegraph: output full: cannot write day " + DAY + " to "
          + FullDiskFileSystem.SCHEME + "://" + out), full.err());
      assertTrue(full.err().contains("No space left on device"), full.err());
      assertFalse(full.err().contains("\tat "), "no stack trace:\n" + full.err());
      SameOutput.assertSame(spark(), new Configuration(), new SameOutput.Run(previous.toString(), spans.toString()),
          new SameOutput.Run(out.toString(), spans.toString()), List.of(DAY));
      assertFalse(Files.exists(out.resolve(OutputLayout.STAGING)), "staging removed, budget " + budget);
      assertFalse(Files.exists(out.resolve(OutputLayout.LOCKS).resolve(DAY + ".lock")), "lock released");
    }
  }

  /** ENOSPC as the JDK reports it (java.io and java.nio), however deep in the causes, is a full disk; others are not. */
  @Test
  void noSpaceIsFoundInTheCauses() {
    IOException io = new IOException("No space left on device");
    assertNotNull(OutputFullException.noSpaceCause(new RuntimeException("Job aborted", new UncheckedIOException(io))));
    assertNotNull(OutputFullException.noSpaceCause(
        new FileSystemException("/data/out/x.parquet", null, "No space left on device")));
    assertNotNull(OutputFullException.noSpaceCause(new IOException("Disk quota exceeded")));
    assertNull(OutputFullException.noSpaceCause(new IOException("Permission denied")));
  }

  private record Command(int exitCode, String err) {}

  /** {@code tracegraph nightly} of DAY into {@code fulldisk://OUT}, in this JVM, capturing stderr. */
  private static Command nightly(Path out) throws Exception {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code = runCommand("nightly", "--spans", spans.toString(), "--out", FullDiskFileSystem.SCHEME + "://" + out,
          "--date", DAY.toString(), "--master", "local[1]", "--conf", "spark.ui.enabled=false",
          "--conf", "spark.hadoop.fs." + FullDiskFileSystem.SCHEME + ".impl=" + FullDiskFileSystem.class.getName());
      return new Command(code, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
      saved.print(captured.toString(StandardCharsets.UTF_8));
    }
  }
}
