package io.tracegraph.jobs.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Removes the staging directories that runs killed before their cleanup left under {@code OUT/.staging/} (a SIGKILL,
 * a lost machine): each holds up to a day's output. A day's staging directory ({@code D-<uuid>}) is only created by
 * the holder of day D's {@link DayLock}, so it belongs to a dead run when D's lock is held by this run (every other
 * run of D is over), or is absent or stale. A live run's staging is never removed. A dead run killed inside its
 * commit is undone first ({@link CommitJournal#rollBack}): the previous output of its day comes back whole. Staging
 * directories of other commands (rollups, capacity reports) take no lock and are left alone.
 */
public final class DeadStaging {
  private DeadStaging() {}

  /**
   * What a cleanup did.
   *
   * @param removed the dead runs' staging directories removed (names)
   * @param restoredDays the days whose interrupted commit was undone: their previous output is back in place
   * @param kept the staging directories kept because undoing their commit failed, with why (the next run tries again)
   */
  public record Cleanup(List<String> removed, List<LocalDate> restoredDays, Map<String, String> kept) {}

  /**
   * Removes dead runs' day staging directories, holding the lock of {@code heldDay}, after undoing their interrupted
   * commits. Listing happens before the lock checks, so a directory created after the listing is never judged.
   */
  public static Cleanup clean(FileSystem fs, OutputLayout out, LocalDate heldDay, Instant now) {
    Cleanup cleanup = new Cleanup(new ArrayList<>(), new ArrayList<>(), new TreeMap<>());
    FileStatus[] staged;
    try {
      staged = fs.listStatus(out.staging());
    } catch (FileNotFoundException e) {
      return cleanup;
    } catch (IOException e) {
      cleanup.kept().put(out.staging().toString(), "cannot list: " + e.getMessage());
      return cleanup;
    }
    for (FileStatus s : staged) {
      Path dir = s.getPath();
      LocalDate day = OutputLayout.stagedDayOf(dir.getName());
      if (day == null) continue;
      try {
        if (!day.equals(heldDay) && DayLock.isHeld(fs, out, day, now)) continue;
        if (CommitJournal.rollBack(fs, out.root(), dir)) cleanup.restoredDays().add(day);
        fs.delete(dir, true);
        cleanup.removed().add(dir.getName());
      } catch (IOException e) {
        cleanup.kept().put(dir.getName(), e.getMessage()); // it may hold the previous day: never deleted unrestored
      }
    }
    return cleanup;
  }
}
