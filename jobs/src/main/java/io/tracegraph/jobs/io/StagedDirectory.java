package io.tracegraph.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One directory written atomically: everything goes to {@code OUT/.staging/<prefix>-<uuid>/} first, then
 * {@link #commit()} swaps it into {@code target} by rename ({@link StagedDirectories#swapIn}); {@link #close()}
 * removes what was staged, so a failed run leaves the old target intact. {@link RangeOutput} and
 * {@link ReportDirectoryOutput} are this plus what they write.
 */
final class StagedDirectory implements AutoCloseable {
  private final FileSystem fs;
  private final Path target;
  private final Path staging;
  private boolean committed;

  private StagedDirectory(FileSystem fs, Path target, Path staging) {
    this.fs = fs;
    this.target = target;
    this.staging = staging;
  }

  /** Stages a new version of {@code target}, a directory of {@code out}; {@code prefix} names the staging directory. */
  static StagedDirectory begin(OutputLayout out, Path target, String prefix, Configuration conf) {
    try {
      return new StagedDirectory(out.root().getFileSystem(conf), target,
          new Path(out.staging(), prefix + "-" + UUID.randomUUID()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open output " + out, e);
    }
  }

  FileSystem fileSystem() {
    return fs;
  }

  Path target() {
    return target;
  }

  Path staging() {
    return staging;
  }

  boolean committed() {
    return committed;
  }

  /** Moves the staged directory into place, replacing what was there. */
  void commit() {
    try {
      StagedDirectories.swapIn(fs, staging, target, new Path(staging.getParent(), staging.getName() + "-replaced"));
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit " + target, e);
    } finally {
      close();
    }
  }

  /** Removes the staging directory; after a failure this is all that happens to the output. */
  @Override
  public void close() {
    StagedDirectories.clean(fs, staging, staging.getParent());
  }
}
