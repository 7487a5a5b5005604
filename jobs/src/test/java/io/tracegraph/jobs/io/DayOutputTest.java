package io.tracegraph.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A day is replaced whole on commit; a run that stops before commit leaves the previous day as it was. */
class DayOutputTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 23);

  @TempDir Path out;

  @Test
  void uncommittedRunLeavesThePreviousDayIntact() throws Exception {
    try (DayOutput first = DayOutput.begin(out.toString(), DAY, new Configuration())) {
      first.writeReport("dependencies.json", "old\n");
      first.writeReport("stale.json", "only in the first run\n");
      first.commit();
    }
    Path report = out.resolve("reports/" + DAY + "/dependencies.json");
    assertEquals("old\n", Files.readString(report));

    try (DayOutput failed = DayOutput.begin(out.toString(), DAY, new Configuration())) {
      failed.writeReport("dependencies.json", "half-written\n");
      // the run fails here: no commit
    }
    assertEquals("old\n", Files.readString(report), "previous output intact");
    assertFalse(Files.exists(out.resolve(OutputLayout.STAGING)), "staging removed");

    try (DayOutput second = DayOutput.begin(out.toString(), DAY, new Configuration())) {
      second.writeReport("dependencies.json", "new\n");
      second.commit();
      assertTrue(second.committed());
    }
    assertEquals("new\n", Files.readString(report));
    assertFalse(Files.exists(out.resolve("reports/" + DAY + "/stale.json")), "a re-run replaces, never merges");
    assertFalse(Files.exists(out.resolve(OutputLayout.STAGING)));
  }

  @Test
  void otherDaysAreNotTouched() throws Exception {
    try (DayOutput other = DayOutput.begin(out.toString(), DAY.minusDays(1), new Configuration())) {
      other.writeReport("run.json", "{}\n");
      other.commit();
    }
    try (DayOutput day = DayOutput.begin(out.toString(), DAY, new Configuration())) {
      day.writeReport("run.json", "{\"day\":1}\n");
      day.commit();
    }
    assertEquals("{}\n", Files.readString(out.resolve("reports/" + DAY.minusDays(1) + "/run.json")));
  }
}
