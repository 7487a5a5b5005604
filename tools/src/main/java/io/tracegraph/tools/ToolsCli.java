package io.tracegraph.tools;

import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.tools.bench.HugeTraceCommand;
import io.tracegraph.tools.bench.OriginAccuracyCommand;
import io.tracegraph.tools.bench.SelfJoinBaselineCommand;
import io.tracegraph.tools.generate.GenerateCommand;
import picocli.CommandLine;

/**
 * The {@code tracegraph} command line that {@code scripts/tracegraph} runs: every command of the jobs
 * ({@link TracegraphCli}), plus {@code generate} and the hidden benchmark commands {@code selfjoin-baseline},
 * {@code huge-trace} and {@code origin-accuracy}. Same name, options, help and exit codes as the spark-submit jar's
 * command line, which has the jobs' commands only.
 */
public final class ToolsCli {
  private ToolsCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code (for tests). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    return TracegraphCli.commandLine(new GenerateCommand(), new SelfJoinBaselineCommand(), new HugeTraceCommand(),
        new OriginAccuracyCommand());
  }
}
