package io.tracegraph.jobs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a directory of report files (such as {@code OUT/reports/capacity-<to>/}) atomically, as {@link DayOutput}
 * does for a day: files go to {@code OUT/.staging/<name>-<uuid>/} first, then {@link #commit()} swaps the whole
 * directory into place by rename (an earlier one moved aside first and deleted after). A failed run leaves the old
 * directory intact.
 */
public final class ReportDirectoryOutput implements AutoCloseable {
  private final StagedDirectory dir;

  private ReportDirectoryOutput(StagedDirectory dir) {
    this.dir = dir;
  }

  /** Starts {@code target}, a report directory of {@code out} (e.g. {@link OutputLayout#capacityReport}). */
  public static ReportDirectoryOutput begin(OutputLayout out, Path target, Configuration conf) {
    return new ReportDirectoryOutput(StagedDirectory.begin(out, target, target.getName(), conf));
  }

  /** Writes one UTF-8 file into the staged directory. */
  public void write(String fileName, String content) {
    Path file = new Path(dir.staging(), fileName);
    try (OutputStream os = dir.fileSystem().create(file, true)) {
      os.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public FileSystem fileSystem() {
    return dir.fileSystem();
  }

  public Path target() {
    return dir.target();
  }

  /** Moves the staged directory into place, replacing what was there. */
  public void commit() {
    dir.commit();
  }

  public boolean committed() {
    return dir.committed();
  }

  @Override
  public void close() {
    dir.close();
  }
}
