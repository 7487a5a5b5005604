package io.tracegraph.jobs.io;

import java.util.List;
import org.apache.hadoop.util.DiskChecker;

/**
 * The output's file system has no space left (ENOSPC, a quota, or a store that says so): the run stops, its staging
 * is removed, and the previous output stays as it was. The command line prints the message and exits with code 4.
 */
public class OutputFullException extends RuntimeException {
  /** How file systems say it: the JDK's ENOSPC and EDQUOT messages (local disk, NFS, HDFS data nodes). */
  private static final List<String> NO_SPACE = List.of("No space left on device", "Disk quota exceeded");

  public OutputFullException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The failure that says the disk is full, in {@code e} or its causes, or null when none does. */
  public static Throwable noSpaceCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DiskChecker.DiskOutOfSpaceException) return t;
      String message = t.getMessage();
      if (message != null && NO_SPACE.stream().anyMatch(message::contains)) return t;
    }
    return null;
  }

  /**
   * {@code e} (any failure, Spark's checked ones too) as an output-full failure naming what was being written
   * ({@code what}), or null when it does not say the disk is full.
   */
  public static OutputFullException of(Throwable e, String what) {
    if (e instanceof OutputFullException full) return full;
    Throwable cause = noSpaceCause(e);
    return cause == null ? null : new OutputFullException(what + ": " + firstLine(cause.getMessage()), e);
  }

  private static String firstLine(String message) {
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
