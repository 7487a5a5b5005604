package io.tracegraph.jobs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Test helper: what a piece of code writes to standard error (the jobs' log, the command line's messages). */
public final class StandardError {
  private StandardError() {}

  /** A block that may throw, run with standard error captured. */
  public interface Action {
    void run() throws Exception;
  }

  /** What {@code action} writes to standard error while it runs (restored afterwards, also on failure). */
  public static String of(Action action) throws Exception {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      action.run();
    } finally {
      System.setErr(saved);
    }
    return err.toString(StandardCharsets.UTF_8);
  }
}
