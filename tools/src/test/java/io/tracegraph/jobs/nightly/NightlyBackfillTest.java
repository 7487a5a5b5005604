package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.tools.generate.ImperfectionMode;
import io.tracegraph.tools.generate.TestGeneration;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightly --date D1 --to D2}: every day of the range, in order, the same bytes as running each day alone. */
class NightlyBackfillTest extends SparkTestBase {
  private static final LocalDate FIRST = LocalDate.of(2026, 4, 6);
  private static final LocalDate LAST = FIRST.plusDays(2);

  @Test
  void backfillWritesEveryDayAsSingleRunsWouldAndDiffsEachAgainstTheDayBefore(@TempDir Path tmp) throws Exception {
    Path spans = tmp.resolve("spans");
    TestGeneration.generate(spark(), TestGeneration.options(spans, FIRST).days(3).spans(9_000).seed(5)
        .imperfections(ImperfectionMode.REALISTIC));
    Path single = tmp.resolve("single");
    for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
      new DependencyGraphJob(NightlyOptions.of(spans.toString(), single.toString(), day)).run(spark());
    }

    Path backfill = tmp.resolve("backfill");
    assertEquals(0, TracegraphCli.run("nightly", "--spans", spans.toString(), "--out", backfill.toString(),
        "--date", FIRST.toString(), "--to", LAST.toString(), "--master", "local[2]"));

    ObjectMapper json = new ObjectMapper();
    for (LocalDate day = FIRST; !day.isAfter(LAST); day = day.plusDays(1)) {
      for (String report : new String[] {"dependencies.json", "graph.json", "diff.json", "index.html"}) {
        assertArrayEquals(Files.readAllBytes(single.resolve("reports/" + day + "/" + report)),
            Files.readAllBytes(backfill.resolve("reports/" + day + "/" + report)), day + " " + report);
      }
      String previous = json.readTree(backfill.resolve("reports/" + day + "/diff.json").toFile())
          .path("previous_date").asText(null);
      assertEquals(day.equals(FIRST) ? null : day.minusDays(1).toString(), previous, day + " diffed against");
    }
    assertFalse(Files.exists(backfill.resolve("reports/" + LAST.plusDays(1))), "no day after --to");
    assertTrue(Files.readString(backfill.resolve("reports/index.html")).contains(LAST.toString()));
  }

  @Test
  void aRangeThatMakesNoSenseIsAUsageError() {
    PrintStream savedErr = System.err;
    try {
      System.setErr(new PrintStream(OutputStream.nullOutputStream()));
      assertEquals(2, TracegraphCli.run("nightly", "--spans", "x", "--out", "y", "--to", "2026-04-06"),
          "--to without --date");
      assertEquals(2, TracegraphCli.run("nightly", "--spans", "x", "--out", "y", "--date", "2026-04-06",
          "--to", "2026-04-05"), "--to before --date");
      assertEquals(2, TracegraphCli.run("nightly", "--spans", "x", "--out", "y", "--date", "2025-01-01",
          "--to", "2026-04-05"), "more than a year");
    } finally {
      System.setErr(savedErr);
    }
  }
}
