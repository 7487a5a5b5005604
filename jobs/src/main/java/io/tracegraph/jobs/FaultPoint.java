package io.tracegraph.jobs;

import java.util.Locale;

/**
 * Named moments of a nightly run at which the fault tests kill it. A run started with the system property
 * {@code -Dtracegraph.test.pause-at=NAME} (the test-only switch; nothing else reads it) prints
 * {@code tracegraph: paused at NAME} on stderr when it reaches point NAME, and sleeps there until it is killed. Without
 * the property each point costs one property lookup. In local mode the tasks run in the driver's JVM, so a point
 * inside a task pauses the whole run with its task running.
 */
public enum FaultPoint {
  /** In a task of the analysis pass, once the shuffle has clustered the rows by trace: the scan is under way. */
  SCAN,
  /** Inside the commit: every table of the day is swapped into place, the report directory (with run.json) is not. */
  BEFORE_REPORT_COMMIT;

  /** The system property naming the point to pause at. */
  public static final String PROPERTY = "tracegraph.test.pause-at";

  /** The name used in the property and the message, e.g. {@code before_report_commit}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Pauses here forever when the property names this point; returns at once otherwise. */
  public void reach() {
    if (!key().equals(System.getProperty(PROPERTY))) return;
    System.err.println("tracegraph: paused at " + key());
    System.err.flush();
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
