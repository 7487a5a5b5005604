package io.tracegraph.jobs.io;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The two steps every atomic output shares ({@link DayOutput}, {@link StagedDirectory}, the days a span archive
 * writer replaces): swapping a staged directory into place by rename, and cleaning the staging area afterwards.
 */
public final class StagedDirectories {
  private StagedDirectories() {}

  /**
   * Renames {@code staged} to {@code target}. An existing target is first renamed to {@code aside} and deleted once
   * the new one is in place, so readers see the old or the new directory, never a mix.
   */
  public static void swapIn(FileSystem fs, Path staged, Path target, Path aside) throws IOException {
    boolean replacing = fs.exists(target);
    swapInKeepingOld(fs, staged, target, aside);
    if (replacing) fs.delete(aside, true);
  }

  /**
   * Renames {@code staged} to {@code target}, an existing target first to {@code aside}, which is kept: for a commit of
   * several directories that is undone as a whole when it does not finish ({@link CommitJournal}).
   */
  public static void swapInKeepingOld(FileSystem fs, Path staged, Path target, Path aside) throws IOException {
    if (fs.exists(target)) move(fs, target, aside);
    move(fs, staged, target);
  }

  /** Renames {@code from} to {@code to}, creating {@code to}'s parent; fails when the rename does. */
  public static void move(FileSystem fs, Path from, Path to) throws IOException {
    fs.mkdirs(to.getParent());
    if (!fs.rename(from, to)) throw new IOException("rename failed: " + from + " -> " + to);
  }

  /** Deletes {@code staging}, and {@code stagingRoot} too when nothing else is staged there. Best effort. */
  public static void clean(FileSystem fs, Path staging, Path stagingRoot) {
    try {
      if (fs.exists(staging)) fs.delete(staging, true);
      if (fs.exists(stagingRoot) && fs.listStatus(stagingRoot).length == 0) fs.delete(stagingRoot, false);
    } catch (IOException e) {
      // Leftover staging never affects readers (a dot directory); the next run's cleanup may remove it.
    }
  }
}
