package io.tracegraph.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The day lock of an output root: one holder per day, a dead holder's lock taken over, never a live one's. */
class DayLockTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 23);
  static final Configuration CONF = new Configuration();

  @TempDir Path dir;
  OutputLayout out;
  Path lockFile;

  @BeforeEach
  void layout() {
    out = OutputLayout.of(dir.toString());
    lockFile = dir.resolve(".locks/" + DAY + ".lock");
  }

  /** The scheduler's retry and the manual re-run at the same moment: the second learns who holds the day. */
  @Test
  void secondRunOfADayIsRefusedUntilTheFirstReleasesIt() throws Exception {
    try (DayLock first = DayLock.acquire(dir.toString(), DAY, CONF)) {
      assertTrue(Files.exists(lockFile));
      DayLockedException e = assertThrows(DayLockedException.class, () -> DayLock.acquire(dir.toString(), DAY, CONF));
      assertTrue(e.getMessage().contains("day " + DAY + " of " + dir), e.getMessage());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
      assertTrue(e.getMessage().contains(first.holder().runId()), e.getMessage());
      try (DayLock otherDay = DayLock.acquire(dir.toString(), DAY.plusDays(1), CONF)) {
        assertNotEquals(first.holder().runId(), otherDay.holder().runId(), "other days are not locked");
      }
    }
    assertFalse(Files.exists(lockFile), "released");
    try (DayLock again = DayLock.acquire(dir.toString(), DAY, CONF)) {
      assertTrue(Files.exists(lockFile));
    }
  }

  /** A run killed on this machine (SIGKILL, OOM killer): its pid is gone, so its lock is taken over at once. */
  @Test
  void lockOfAProcessGoneFromThisHostIsTakenOverAtOnce() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    String host = java.net.InetAddress.getLocalHost().getHostName();
    writeLock(new DayLock.Holder("killed-run", host, finished.pid(), Instant.now(), Instant.now()));
    try (DayLock lock = DayLock.acquire(dir.toString(), DAY, CONF)) {
      assertTrue(Files.readString(lockFile).contains(lock.holder().runId()), "taken over");
      assertTrue(lock.tookOver().startsWith("run killed-run on host " + host + ", pid " + finished.pid()),
          lock.tookOver());
      assertTrue(lock.tookOver().endsWith("process " + finished.pid() + " is no longer running on this host"),
          lock.tookOver());
    }
  }

  /** A run on another machine (a pod, a cluster driver) cannot be probed: its heartbeat decides. */
  @Test
  void lockOfAnotherHostIsLiveUntilItsHeartbeatIsStale() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    writeLock(new DayLock.Holder("remote-run", "worker-7.example", 4242, now, now));
    DayLockedException e = assertThrows(DayLockedException.class,
        () -> DayLock.acquire(out, DAY, CONF, clockAt(now.plus(DayLock.STALE_AFTER).minusSeconds(30))));
    assertTrue(e.getMessage().contains("worker-7.example, pid 4242"), e.getMessage());
    assertTrue(DayLock.isHeld(local(), out, DAY, now));

    Instant later = now.plus(DayLock.STALE_AFTER).plus(Duration.ofMinutes(1));
    assertFalse(DayLock.isHeld(local(), out, DAY, later));
    try (DayLock lock = DayLock.acquire(out, DAY, CONF, clockAt(later))) {
      assertTrue(Files.readString(lockFile).contains(lock.holder().runId()));
      assertTrue(lock.tookOver().contains("worker-7.example, pid 4242") && lock.tookOver().contains("no heartbeat since"),
          lock.tookOver());
    }
    assertFalse(Files.exists(lockFile));
    assertEquals(List.of(), List.of(dir.resolve(".locks").toFile().list()), "nothing left beside the lock");
  }

  /** A holder paused past the stale time finds its lock taken: it must not commit, nor remove the new lock. */
  @Test
  void aRunWhoseLockWasTakenOverDoesNotCommit() throws Exception {
    DayLock paused = DayLock.acquire(dir.toString(), DAY, CONF);
    Instant now = Instant.now();
    writeLock(new DayLock.Holder("new-owner", "worker-7.example", 4242, now, now));
    DayLockedException e = assertThrows(DayLockedException.class, paused::checkHeld);
    assertTrue(e.getMessage().contains("taken over by run new-owner"), e.getMessage());
    paused.close();
    assertTrue(Files.readString(lockFile).contains("new-owner"), "the new holder's lock stays");
  }

  /**
   * Staging a killed run left: of the held day (every other run of it is over), and of days whose lock is gone, is
   * removed; a live run's staging, and other commands' staging, stay.
   */
  @Test
  void deadRunsStagingIsRemovedLiveRunsStays() throws Exception {
    Path staging = dir.resolve(".staging");
    for (String name : List.of(DAY + "-a", DAY.minusDays(1) + "-b", DAY.minusDays(2) + "-c", "rollup-x-d")) {
      Files.createDirectories(staging.resolve(name).resolve("reports"));
    }
    Instant now = Instant.now();
    Path liveLock = dir.resolve(".locks/" + DAY.minusDays(2) + ".lock");
    Files.createDirectories(liveLock.getParent());
    Files.writeString(liveLock, new DayLock.Holder("live", "worker-7.example", 1, now, now).toJson());

    DeadStaging.Cleanup cleanup = DeadStaging.clean(local(), out, DAY, now);
    assertEquals(List.of(DAY.minusDays(1) + "-b", DAY + "-a"), cleanup.removed().stream().sorted().toList());
    assertEquals(List.of(), cleanup.restoredDays(), "no commit had started");
    assertEquals(Map.of(), cleanup.kept());
    assertEquals(List.of(DAY.minusDays(2) + "-c", "rollup-x-d"),
        Files.list(staging).map(p -> p.getFileName().toString()).sorted().toList());
  }

  private void writeLock(DayLock.Holder holder) throws Exception {
    Files.createDirectories(lockFile.getParent());
    Files.writeString(lockFile, holder.toJson());
  }

  private FileSystem local() throws Exception {
    return FileSystem.getLocal(CONF);
  }

  private static Clock clockAt(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
