/**
 * {@code tracegraph nightly}: one UTC day of spans into links, tables and reports, in three steps of
 * {@link io.tracegraph.jobs.nightly.DependencyGraphJob}:
 * <ol>
 *   <li>plan: the input format (given or detected) and the day's checked inputs,
 *       {@link io.tracegraph.jobs.nightly.DayPlan};</li>
 *   <li>analyse: one Spark pass that clusters the spans by trace and folds each partition's trees into a summary
 *       ({@link io.tracegraph.jobs.nightly.SummarizeTraces}, the model's {@code DaySummary}); the driver merges them
 *       into a {@link io.tracegraph.jobs.nightly.DayResult}: links only ({@code --links-only}) or full (traffic and
 *       trace analyses), two types;</li>
 *   <li>write: {@link io.tracegraph.jobs.nightly.DayWriter} writes the result atomically: the tables, dependencies.json,
 *       run.json ({@link io.tracegraph.jobs.nightly.RunSections}) and the reports.</li>
 * </ol>
 * {@link io.tracegraph.jobs.nightly.NightlyCommand} runs a day or a backfill of days with
 * {@link io.tracegraph.jobs.nightly.NightlyOptions}.
 */
package io.tracegraph.jobs.nightly;
