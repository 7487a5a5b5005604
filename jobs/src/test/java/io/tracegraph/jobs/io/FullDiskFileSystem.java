package io.tracegraph.jobs.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * A local file system under the scheme {@code fulldisk:} whose disk fills up: once {@link #BUDGET} bytes have been
 * written through it (by all its instances, in this JVM), every further write fails as the JDK reports ENOSPC,
 * {@code IOException("No space left on device")}. Register it with
 * {@code spark.hadoop.fs.fulldisk.impl=io.tracegraph.jobs.io.FullDiskFileSystem} and write to
 * {@code fulldisk:///path}. Reads, renames and deletes work as on the local disk (a full disk allows them).
 */
public class FullDiskFileSystem extends LocalDiskUnderScheme {
  public static final String SCHEME = "fulldisk";
  /** Bytes that may still be written; tests set it before a run. */
  public static final AtomicLong BUDGET = new AtomicLong(Long.MAX_VALUE);
  /** Bytes written so far; tests reset it. */
  public static final AtomicLong WRITTEN = new AtomicLong();

  public FullDiskFileSystem() {
    super(SCHEME);
  }

  @Override
  protected OutputStream createOutputStream(Path f, boolean append) throws IOException {
    return new Filling(super.createOutputStream(f, append));
  }

  @Override
  protected OutputStream createOutputStreamWithMode(Path f, boolean append, FsPermission permission)
      throws IOException {
    return new Filling(super.createOutputStreamWithMode(f, append, permission));
  }

  /** Counts bytes against the budget; the write that would overrun it fails, writing nothing. */
  private static final class Filling extends FilterOutputStream {
    Filling(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      take(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      take(len);
      out.write(b, off, len);
    }

    private static void take(int bytes) throws IOException {
      if (BUDGET.addAndGet(-bytes) < 0) {
        BUDGET.addAndGet(bytes);
        throw new IOException("No space left on device");
      }
      WRITTEN.addAndGet(bytes);
    }
  }
}
