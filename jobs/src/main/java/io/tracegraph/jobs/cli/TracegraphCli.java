package io.tracegraph.jobs.cli;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.BuildInfo;
import io.tracegraph.jobs.NotFoundException;
import io.tracegraph.jobs.bench.HugeTraceCommand;
import io.tracegraph.jobs.bench.OriginAccuracyCommand;
import io.tracegraph.jobs.bench.SelfJoinBaselineCommand;
import io.tracegraph.jobs.bench.SortArchiveCommand;
import io.tracegraph.jobs.capacity.CapacityCommand;
import io.tracegraph.jobs.generate.GenerateCommand;
import io.tracegraph.jobs.importer.ImportCommand;
import io.tracegraph.jobs.nightly.NightlyCommand;
import io.tracegraph.jobs.sql.SqlCommand;
import io.tracegraph.jobs.trace.TraceCommand;
import io.tracegraph.jobs.traffic.RollupCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tracegraph} command line. Exit codes: 0 ok, 1 internal error, 2 usage, 3 bad input, 4 not found.
 */
@Command(name = "tracegraph",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    versionProvider = TracegraphCli.Version.class,
    description = "Distributed-tracing analytics on Apache Spark: rebuilds every trace of a day and reports the "
        + "service dependency graph.",
    subcommands = {NightlyCommand.class, ImportCommand.class, GenerateCommand.class, RollupCommand.class,
        CapacityCommand.class,
        SqlCommand.class, TraceCommand.class, SelfJoinBaselineCommand.class, HugeTraceCommand.class, OriginAccuracyCommand.class,
        SortArchiveCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:internal error", "2:usage error", "3:bad input (missing column, unreadable file, ...)",
        "4:not found (tracegraph trace: no span of the trace in the days read)"})
public final class TracegraphCli {
  public static final int OK = 0;
  public static final int INTERNAL_ERROR = 1;
  public static final int USAGE = 2;
  public static final int BAD_INPUT = 3;
  public static final int NOT_FOUND = 4;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code (for tests). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new TracegraphCli());
    cli.setExecutionExceptionHandler(TracegraphCli::handle);
    return cli.execute(args);
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

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tracegraph " + BuildInfo.version() + " (Spark " + BuildInfo.sparkVersion() + ")"};
    }
  }
}
