package io.tracegraph.jobs.io;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.apache.hadoop.fs.FileStatus;

/**
 * Another live run holds the lock of the day this run would write ({@link DayLock}): the command line prints the
 * message, which names the holder, and exits with its own code (5), so a scheduler can tell "already running" from a
 * failure. Nothing of the day was written.
 */
public final class DayLockedException extends RuntimeException {
  DayLockedException(String message) {
    super(message);
  }

  DayLockedException(LocalDate day, OutputLayout out, DayLock.Holder holder, FileStatus lock, Instant now) {
    this(message(day, out, holder, lock, now));
  }

  private static String message(LocalDate day, OutputLayout out, DayLock.Holder holder, FileStatus lock,
                                Instant now) {
    Instant beat = Instant.ofEpochMilli(lock.getModificationTime());
    if (holder != null && holder.heartbeatAt().isAfter(beat)) beat = holder.heartbeatAt();
    long seconds = Math.max(0, Duration.between(beat, now).toSeconds());
    return "day " + day + " of " + out + " is being written by another run ("
        + (holder != null ? holder.describe() : "holder unreadable") + ", last heartbeat " + seconds + " s ago); "
        + "this run wrote nothing. The lock (" + lock.getPath() + ") is taken over once its heartbeat is older than "
        + DayLock.STALE_AFTER.toMinutes() + " min, or at once when its process is gone from this host; "
        + "delete it only if that run is surely dead (heartbeat at " + beat.truncatedTo(ChronoUnit.SECONDS) + ")";
  }
}
