package io.tracegraph.jobs;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One log line per stage, with its counts and elapsed time, on standard error:
 * {@code 2026-11-24T02:00:07Z tracegraph nightly read: rows=5000000 dropped=12 (3.41 s)}.
 * Also keeps the seconds of every stage for run.json.
 */
public final class StageLog {
  private final String job;
  private final PrintStream out;
  private final Map<String, Double> secondsByStage = new LinkedHashMap<>();
  private long stageStartNanos = System.nanoTime();

  public StageLog(String job, PrintStream out) {
    this.job = job;
    this.out = out;
  }

  public StageLog(String job) {
    this(job, System.err);
  }

  /** A log that keeps the stages' seconds but prints nothing: for tests and for jobs run inside another. */
  public static StageLog quiet(String job) {
    return new StageLog(job, new PrintStream(OutputStream.nullOutputStream()));
  }

  /** Marks the start of the next stage. */
  public void start() {
    stageStartNanos = System.nanoTime();
  }

  /** Ends the current stage: logs it with its counts and starts timing the next one. */
  public void done(String stage, String counts) {
    long now = System.nanoTime();
    double seconds = (now - stageStartNanos) / 1e9;
    secondsByStage.merge(stage, seconds, Double::sum);
    out.printf(Locale.ROOT, "%s tracegraph %s %s: %s (%.2f s)%n",
        Instant.now().truncatedTo(ChronoUnit.SECONDS), job, stage, counts, seconds);
    out.flush();
    stageStartNanos = now;
  }

  public void info(String message) {
    out.printf(Locale.ROOT, "%s tracegraph %s %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), job, message);
    out.flush();
  }

  /** A problem the run works around but that changes its results: {@code WARNING: message}. */
  public void warn(String message) {
    info("WARNING: " + message);
  }

  public Map<String, Double> secondsByStage() {
    return Map.copyOf(secondsByStage);
  }
}
