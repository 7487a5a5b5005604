package io.tracegraph.jobs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a directory of report files ({@code OUT/reports/<name>/}) atomically, as {@link DayOutput} does for a day:
 * files go to {@code OUT/.staging/<name>-<uuid>/} first, then {@link #commit()} swaps the whole directory into place
 * by rename (an earlier one moved aside first and deleted after). A failed run leaves the old directory intact.
 */
public final class ReportDirectoryOutput implements AutoCloseable {
  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private boolean committed;

  private ReportDirectoryOutput(FileSystem fs, Path out, String name) {
    this.fs = fs;
    this.target = new Path(new Path(out, "reports"), name);
    this.staging = new Path(new Path(out, DayOutput.STAGING), name + "-" + UUID.randomUUID());
  }

  /** Starts {@code OUT/reports/<name>/}. */
  public static ReportDirectoryOutput begin(String out, String name, Configuration conf) {
    try {
      Path root = new Path(out);
      return new ReportDirectoryOutput(root.getFileSystem(conf), root, name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open output " + out, e);
    }
  }

  /** Writes one UTF-8 file into the staged directory. */
  public void write(String fileName, String content) {
    Path file = new Path(staging, fileName);
    try (OutputStream os = fs.create(file, true)) {
      os.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public FileSystem fileSystem() {
    return fs;
  }

  public Path target() {
    return target;
  }

  /** Moves the staged directory into place, replacing what was there. */
  public void commit() {
    try {
      StagedDirectories.swapIn(fs, staging, target, new Path(staging.getParent(), staging.getName() + "-replaced"));
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit " + target, e);
    } finally {
      close();
    }
  }

  public boolean committed() {
    return committed;
  }

  @Override
  public void close() {
    StagedDirectories.clean(fs, staging, staging.getParent());
  }
}
