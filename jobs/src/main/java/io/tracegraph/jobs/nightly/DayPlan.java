package io.tracegraph.jobs.nightly;

import io.tracegraph.jobs.source.SourceScan;
import io.tracegraph.jobs.source.SpanFormat;

/**
 * What a nightly run will read, decided before any Spark work: the input format (given or detected) and the checked
 * inputs of the day ({@link SourceScan}).
 *
 * @param startedAt when the run started (UTC, seconds), for run.json
 * @param format the input format
 * @param scan the day's checked inputs, and how to read them
 */
public record DayPlan(String startedAt, SpanFormat format, SourceScan scan) {}
