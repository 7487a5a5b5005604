package io.tracegraph.jobs.io;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The record a day's commit ({@link DayOutput#commit()}) leaves in its staging directory, so that a commit killed
 * half-way can be undone: the day directories it moves, in order, relative to the output root (the same relative path
 * names the staged copy under the staging directory and the old one moved aside under {@code _replaced/}). A commit
 * moves each old directory aside and keeps it until the new {@code run.json} is in place; {@link #rollBack} puts the
 * old ones back, so the previous output of the day comes back whole.
 *
 * <p>Where a directory is during a commit tells how far it got: still staged (not moved yet; its old one may already
 * be aside), or gone from the staging (the new one is in place). The report directory moves last, so a day whose new
 * report is in place is committed and needs nothing undone.
 */
public final class CommitJournal {
  /** The journal's file name in the staging directory. */
  static final String FILE = "_commit";
  /** Where the old day directories wait, under the staging directory, until the commit ends. */
  static final String REPLACED = "_replaced";

  private CommitJournal() {}

  /** Writes the journal of {@code dayDirs} (paths relative to the output root) into {@code staging}, atomically. */
  static void write(FileSystem fs, Path staging, List<String> dayDirs) throws IOException {
    Path tmp = new Path(staging, FILE + ".tmp");
    try (OutputStream os = fs.create(tmp, true)) {
      os.write((String.join("\n", dayDirs) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    StagedDirectories.move(fs, tmp, new Path(staging, FILE));
  }

  /**
   * Undoes the commit a dead run left in {@code staging}, if it started and did not finish: every new day directory
   * already moved into place is removed and the old one moved aside is put back. Returns true when anything was
   * undone; false when the commit never started (no journal) or had finished (the new report is in place).
   */
  public static boolean rollBack(FileSystem fs, Path root, Path staging) throws IOException {
    List<String> dayDirs = read(fs, staging);
    if (dayDirs.isEmpty()) return false;
    String report = dayDirs.get(dayDirs.size() - 1); // moved last
    if (!fs.exists(new Path(staging, report)) && fs.exists(new Path(root, report))) return false; // committed
    boolean undone = false;
    for (String dir : dayDirs) {
      Path target = new Path(root, dir);
      Path aside = new Path(new Path(staging, REPLACED), dir);
      boolean movedIn = !fs.exists(new Path(staging, dir));
      if (movedIn && fs.exists(target)) {
        fs.delete(target, true);
        undone = true;
      }
      if (fs.exists(aside) && !fs.exists(target)) {
        StagedDirectories.move(fs, aside, target);
        undone = true;
      }
    }
    return undone;
  }

  private static List<String> read(FileSystem fs, Path staging) throws IOException {
    List<String> dirs = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(fs.open(new Path(staging, FILE)), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isEmpty()) dirs.add(line);
      }
    } catch (FileNotFoundException e) {
      return List.of();
    }
    return dirs;
  }
}
