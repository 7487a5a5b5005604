package io.tracegraph.jobs.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Removes the staging directories that runs killed before their cleanup left under {@code OUT/.staging/} (a SIGKILL,
 * a lost machine): each holds up to a day's output. A day's staging directory ({@code D-<uuid>}) is only created by
 * the holder of day D's {@link DayLock}, so it belongs to a dead run when D's lock is held by this run (every other
 * run of D is over), or is absent or stale. A live run's staging is never removed. Staging directories of other
 * commands (rollups, capacity reports) take no lock and are left alone.
 */
public final class DeadStaging {
  private DeadStaging() {}

  /**
   * Removes dead runs' day staging directories, holding the lock of {@code heldDay}; returns the names removed.
   * Listing happens before the lock checks, so a directory created after the listing is never judged.
   */
  public static List<String> clean(FileSystem fs, OutputLayout out, LocalDate heldDay, Instant now) {
    List<String> removed = new ArrayList<>();
    try {
      FileStatus[] staged;
      try {
        staged = fs.listStatus(out.staging());
      } catch (FileNotFoundException e) {
        return removed;
      }
      for (FileStatus s : staged) {
        LocalDate day = OutputLayout.stagedDayOf(s.getPath().getName());
        if (day == null) continue;
        if (day.equals(heldDay) || !DayLock.isHeld(fs, out, day, now)) {
          fs.delete(s.getPath(), true);
          removed.add(s.getPath().getName());
        }
      }
    } catch (IOException e) {
      // Leftover staging never affects readers; the next run tries again.
    }
    return removed;
  }
}
