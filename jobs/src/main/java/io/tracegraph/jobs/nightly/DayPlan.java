package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.source.SourceScan;
import io.tracegraph.jobs.source.SpanFormat;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a nightly run will read, decided before any Spark work: the input format (given or detected) and the checked
 * inputs of the day ({@link SourceScan}).
 *
 * @param startedAt when the run started (UTC, seconds), for run.json
 * @param format the input format
 * @param scan the day's checked inputs, and how to read them
 * @param skippedFiles every file skipped as unreadable, with the reason: by format detection and by the source
 */
public record DayPlan(String startedAt, SpanFormat format, SourceScan scan, Map<String, String> skippedFiles) {
  public DayPlan {
    skippedFiles = Collections.unmodifiableSortedMap(new TreeMap<>(skippedFiles));
  }
}
