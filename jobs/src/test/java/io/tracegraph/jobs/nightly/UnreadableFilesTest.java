package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.StandardError;
import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.model.TestTraces;
import io.tracegraph.reports.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Unreadable files where the run looks first: the first file of the day, which format detection reads (no
 * {@code --format}). Without {@code --skip-bad-files} the run stops (exit 3) naming the file; with it, detection
 * passes over the file like the source does, and run.json, the log and the report list it as skipped.
 */
class UnreadableFilesTest extends SparkTestBase {
  static final LocalDate DAY = DependencyGraphJobTest.DAY;
  static final TestTraces.Scenario SCENARIO = TestTraces.acceptanceScenarios().get(0);

  @TempDir Path tmp;

  /** The kinds of unreadable file, each named to sort before the good file, so detection meets it first. */
  enum Damage {
    TRUNCATED("0-truncated.parquet"),
    ZERO_BYTES("0-empty.parquet"),
    NOT_PARQUET("0-text.parquet");

    final String file;

    Damage(String file) {
      this.file = file;
    }

    void write(Path good, Path target) throws Exception {
      switch (this) {
        case TRUNCATED -> {
          byte[] bytes = Files.readAllBytes(good);
          Files.write(target, Arrays.copyOf(bytes, bytes.length / 2));
        }
        case ZERO_BYTES -> Files.write(target, new byte[0]);
        case NOT_PARQUET -> Files.writeString(target, "trace_id,span_id\n0af7651916cd43dd,b7ad6b7169203331\n");
      }
    }
  }

  /** A day of good spans in one file, plus the damaged file; returns the damaged file. */
  private Path archiveWith(Damage damage, Path spans) throws Exception {
    ArchiveFixtures.write(spark(), spans, List.of(SCENARIO.spans()));
    Path day = spans.resolve("date=" + DAY);
    Path good;
    try (var s = Files.list(day)) {
      good = s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
    }
    Path bad = day.resolve(damage.file);
    damage.write(good, bad);
    return bad;
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void withoutTheFlagTheRunStopsNamingTheFile(Damage damage) throws Exception {
    Path spans = tmp.resolve("spans");
    Path bad = archiveWith(damage, spans);

    BadInputException e = assertThrows(BadInputException.class,
        () -> NightlyRunner.run(spark(), spans, tmp.resolve("out"), DAY));
    assertTrue(e.getMessage().contains(bad.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("cannot tell the format") && e.getMessage().contains("--skip-bad-files"),
        e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out/reports")), "nothing written");
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void withTheFlagDetectionSkipsTheFileAndTheRunListsIt(Damage damage) throws Exception {
    Path spans = tmp.resolve("spans");
    Path out = tmp.resolve("out");
    Path bad = archiveWith(damage, spans);

    String log = StandardError.of(() -> NightlyRunner.run(spark(), spans, out, DAY, NightlyOptions.DEFAULT_GRACE, true));

    assertEquals(SCENARIO.expectedLinks(), NightlyRunner.jsonLinks(out, DAY), "the good file is read in full");
    JsonNode run = Json.mapper().readTree(NightlyRunner.report(out, DAY, OutputLayout.RUN_JSON).toFile());
    assertEquals("archive", run.get("format").asText());
    List<String> skipped = new ArrayList<>();
    run.get("skipped_files").fieldNames().forEachRemaining(skipped::add);
    assertEquals(1, skipped.size(), skipped.toString());
    assertTrue(skipped.get(0).endsWith(damage.file), skipped.toString());
    assertTrue(run.get("skipped_files").get(skipped.get(0)).asText().startsWith("unreadable Parquet file: "));
    assertEquals(1, run.get("input_files").size(), "only the good file is read");
    assertTrue(log.contains("skipped " + skipped.get(0)), log);
    assertTrue(log.contains("format: archive (detected: "), log);
    String html = Files.readString(NightlyRunner.report(out, DAY, OutputLayout.INDEX_HTML));
    assertTrue(html.contains("<h3>Skipped files</h3>") && html.contains(bad.getFileName().toString()));
  }

  /** Every Parquet file unreadable: even with the flag the format cannot be told, and the run says so. */
  @Test
  void noReadableFileStopsEvenWithTheFlag() throws Exception {
    Path day = Files.createDirectories(tmp.resolve("spans/date=" + DAY));
    Files.write(day.resolve("a.parquet"), new byte[0]);
    Files.writeString(day.resolve("b.parquet"), "not parquet");
    BadInputException e = assertThrows(BadInputException.class, () -> NightlyRunner.run(spark(), tmp.resolve("spans"),
        tmp.resolve("out"), DAY, NightlyOptions.DEFAULT_GRACE, true));
    assertTrue(e.getMessage().contains("none of its 2 Parquet file(s) is readable")
        && e.getMessage().contains("a.parquet") && e.getMessage().contains("b.parquet"), e.getMessage());
  }

  /** Through the command line: exit 3 and a one-line message naming the file; with the flag, exit 0. */
  @Test
  void commandLineExitCodes() throws Exception {
    Path spans = tmp.resolve("spans");
    Path bad = archiveWith(Damage.TRUNCATED, spans);
    String[] args = {"nightly", "--spans", spans.toString(), "--out", tmp.resolve("out").toString(),
        "--date", DAY.toString(), "--master", "local[1]"};

    int[] code = new int[1];
    String err = StandardError.of(() -> code[0] = TracegraphCli.run(args));
    assertEquals(3, code[0], err);
    assertTrue(err.contains(bad.getFileName().toString()) && err.contains("unreadable Parquet file"), err);
    assertFalse(err.contains("\tat "), "no stack trace: " + err);

    List<String> skipping = new ArrayList<>(List.of(args));
    skipping.add("--skip-bad-files");
    err = StandardError.of(() -> code[0] = TracegraphCli.run(skipping.toArray(String[]::new)));
    assertEquals(0, code[0], err);
    assertTrue(err.contains("skipped ") && err.contains(bad.getFileName().toString()), err);
  }
}
