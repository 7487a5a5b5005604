package io.tracegraph.jobs.cli;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.BuildInfo;
import io.tracegraph.jobs.NotFoundException;
import io.tracegraph.jobs.capacity.CapacityCommand;
import io.tracegraph.jobs.importer.ImportCommand;
import io.tracegraph.jobs.io.DayLockedException;
import io.tracegraph.jobs.io.OutputFullException;
import io.tracegraph.jobs.nightly.NightlyCommand;
import io.tracegraph.jobs.rollup.RollupCommand;
import io.tracegraph.jobs.sql.SqlCommand;
import io.tracegraph.jobs.trace.TraceCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tracegraph} command line. Exit codes: 0 ok, 1 internal error, 2 usage, 3 bad input, 4 output full (no
 * space left on the output's device), 5 the day is locked by another run, 6 not found.
 *
 * <p>The spark-submit jar runs this class with the jobs' commands only. {@code scripts/tracegraph} runs
 * {@code io.tracegraph.tools.ToolsCli} instead, which passes the commands of the {@code tools} module (the sample
 * data generator, the benchmark commands) to {@link #commandLine(Object...)}: the same command line, with more
 * commands in it.
 */
@Command(name = "tracegraph",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    versionProvider = TracegraphCli.Version.class,
    description = "Distributed-tracing analytics on Apache Spark: rebuilds every trace of a day and reports the "
        + "service dependency graph.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:internal error", "2:usage error", "3:bad input (missing column, unreadable file, ...)",
        "4:no space left on the output's device (or on Spark's local directories); the previous output is unchanged",
        "5:another run is writing the same day of the same --out (nightly)",
        "6:not found (tracegraph trace: no span of the trace in the days read)"})
public final class TracegraphCli {
  public static final int OK = 0;
  public static final int INTERNAL_ERROR = 1;
  public static final int USAGE = 2;
  public static final int BAD_INPUT = 3;
  /** No space left where the output is written ({@link OutputFullException}, or ENOSPC anywhere): free space, re-run. */
  public static final int OUTPUT_FULL = 4;
  /** Another live run holds the lock of the day ({@link DayLockedException}): retry later, nothing was written. */
  public static final int DAY_LOCKED = 5;
  /** {@code tracegraph trace} found no span of the trace ({@link NotFoundException}). */
  public static final int NOT_FOUND = 6;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line of the jobs' commands and returns its exit code (for tests). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line of the jobs' commands, as the spark-submit jar has it. */
  public static CommandLine commandLine() {
    return commandLine(new Object[0]);
  }

  /**
   * The command line with {@code tools} added: commands of other modules, as picocli command objects. Visible ones
   * (they write span archives, as {@code generate} does) are listed after {@code import}; hidden ones (benchmark
   * helpers) are only reachable by name. Errors are handled as for every command (exit codes above).
   */
  public static CommandLine commandLine(Object... tools) {
    CommandLine cli = new CommandLine(new TracegraphCli());
    List<CommandLine> visible = new ArrayList<>();
    List<CommandLine> hidden = new ArrayList<>();
    for (Object tool : tools) {
      CommandLine command = new CommandLine(tool);
      (command.getCommandSpec().usageMessage().hidden() ? hidden : visible).add(command);
    }
    cli.addSubcommand(new NightlyCommand());
    cli.addSubcommand(new ImportCommand());
    visible.forEach(cli::addSubcommand);
    cli.addSubcommand(new RollupCommand());
    cli.addSubcommand(new CapacityCommand());
    cli.addSubcommand(new SqlCommand());
    cli.addSubcommand(new TraceCommand());
    hidden.forEach(cli::addSubcommand);
    cli.addSubcommand(new CommandLine.HelpCommand());
    cli.setExecutionExceptionHandler(TracegraphCli::handle);
    return cli;
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    NotFoundException notFound = causeOfType(e, NotFoundException.class);
    if (notFound != null) {
      err.println("tracegraph: not found: " + notFound.getMessage());
      err.flush();
      return NOT_FOUND;
    }
    BadInputException bad = causeOfType(e, BadInputException.class);
    if (bad != null) {
      err.println("tracegraph: bad input: " + bad.getMessage());
      err.flush();
      return BAD_INPUT;
    }
    DayLockedException locked = causeOfType(e, DayLockedException.class);
    if (locked != null) {
      err.println("tracegraph: locked: " + locked.getMessage());
      err.flush();
      return DAY_LOCKED;
    }
    if (OutputFullException.noSpaceCause(e) != null) {
      OutputFullException full = causeOfType(e, OutputFullException.class);
      err.println(full != null ? "tracegraph: output full: " + full.getMessage()
          : "tracegraph: no space left on device: " + OutputFullException.noSpaceCause(e).getMessage());
      err.flush();
      return OUTPUT_FULL;
    }
    err.println("tracegraph: internal error: " + e);
    e.printStackTrace(err);
    err.flush();
    return INTERNAL_ERROR;
  }

  private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) return type.cast(t);
    }
    return null;
  }

  /** {@code tracegraph VERSION (Spark VERSION)}, for every command's {@code --version}. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tracegraph " + BuildInfo.version() + " (Spark " + BuildInfo.sparkVersion() + ")"};
    }
  }
}
