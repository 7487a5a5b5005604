package io.tracegraph.tools;

import io.tracegraph.jobs.cli.TracegraphCli;
import io.tracegraph.tools.bench.HugeTraceCommand;
import io.tracegraph.tools.bench.OriginAccuracyCommand;
import io.tracegraph.tools.bench.SelfJoinBaselineCommand;
import io.tracegraph.tools.bench.SortArchiveCommand;
import io.tracegraph.tools.generate.GenerateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The {@code tracegraph} command line that {@code scripts/tracegraph} runs: every command of the jobs
 * ({@link TracegraphCli}), plus {@code generate} and the hidden benchmark commands {@code selfjoin-baseline},
 * {@code huge-trace}, {@code origin-accuracy} and {@code sort-archive}. Same name, options, help and exit codes as the
 * spark-submit jar's command line, which has the jobs' commands only.
 */
public final class ToolsCli {
  private ToolsCli() {}

  /**
   * The system property naming a file that receives the exit code just before the JVM exits. {@code scripts/tracegraph}
   * sets it while it records a class-data archive: the JVM writes the archive after {@code main} and, if that fails
   * (its folder removed, a full disk), exits with 1 whatever the command returned; the file keeps the command's own
   * code.
   */
  public static final String EXIT_CODE_FILE = "tracegraph.exit-code-file";

  public static void main(String[] args) {
    int code = run(args);
    String file = System.getProperty(EXIT_CODE_FILE);
    if (file != null) {
      try {
        Files.writeString(Path.of(file), Integer.toString(code));
      } catch (IOException | RuntimeException e) {
        System.err.println("tracegraph: cannot write the exit code to " + file + ": " + e.getMessage());
      }
    }
    System.exit(code);
  }

  /** Runs one command line and returns its exit code (for tests). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  public static CommandLine commandLine() {
    return TracegraphCli.commandLine(new GenerateCommand(), new SelfJoinBaselineCommand(), new HugeTraceCommand(),
        new OriginAccuracyCommand(), new SortArchiveCommand());
  }
}
