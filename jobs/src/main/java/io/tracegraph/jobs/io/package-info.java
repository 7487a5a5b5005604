/**
 * Where the outputs live and how they are written. {@link io.tracegraph.jobs.io.OutputLayout} is the only code that
 * spells the output layout ({@code OUT/tables/<table>/date=D/}, {@code OUT/reports/D/}, {@code OUT/rollups/...},
 * {@code OUT/.staging/}); the notebooks and other readers go through {@code tracegraph sql}. Every output is written
 * atomically: staged first, then swapped into place by rename ({@link io.tracegraph.jobs.io.DayOutput} for a day,
 * {@link io.tracegraph.jobs.io.RangeOutput} for a rollup, {@link io.tracegraph.jobs.io.ReportDirectoryOutput} for a
 * capacity report), so a failed run never leaves a half-written directory.
 */
package io.tracegraph.jobs.io;
