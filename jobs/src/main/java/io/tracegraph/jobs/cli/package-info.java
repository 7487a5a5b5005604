/**
 * The {@code tracegraph} command line: {@link io.tracegraph.jobs.cli.TracegraphCli} (subcommands, exit codes, the
 * handling of bad input), and what several commands share as picocli mixins: {@code --master}
 * ({@link io.tracegraph.jobs.cli.SparkMasterOption}), {@code --from}/{@code --to}
 * ({@link io.tracegraph.jobs.cli.DayRangeOptions}), and durations as operators write them
 * ({@link io.tracegraph.jobs.cli.DurationConverter}). Each command is a class in the package of its job
 * ({@code NightlyCommand}, {@code RollupCommand}, ...), and each command's options are one record with its defaults
 * beside it ({@code NightlyOptions}, ...). The help is a contract: {@code ReadmeHelpTest} keeps the pasted help equal
 * to the real one.
 */
package io.tracegraph.jobs.cli;
