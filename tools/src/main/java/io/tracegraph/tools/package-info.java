/**
 * The tools module: what tracegraph's users run beside the jobs but the production (spark-submit) jar does not
 * carry. {@link io.tracegraph.tools.ToolsCli} is the command line {@code scripts/tracegraph} runs: the jobs' commands
 * plus {@code generate} and the hidden benchmark commands, with the same help and exit codes.
 * <ul>
 *   <li>{@link io.tracegraph.tools.generate}: {@code tracegraph generate}, a realistic, deterministic sample archive
 *       with its ground truth (the demo's, the tests' and the benchmark's input).</li>
 *   <li>{@link io.tracegraph.tools.bench}: the benchmark helpers of {@code scripts/bench}.</li>
 *   <li>{@link io.tracegraph.tools.archive}: writing whole days of span archive from Spark tasks, through the archive
 *       writer of the jobs.</li>
 * </ul>
 * The module's tests also hold the end-to-end tests of the jobs that need generated archives (they cannot live in
 * jobs, which tools depends on); they keep the package of the job they test.
 */
package io.tracegraph.tools;
