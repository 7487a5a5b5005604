package io.tracegraph.tools.generate;

import io.tracegraph.jobs.SparkSessions;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.cli.SparkConfOption;
import io.tracegraph.jobs.cli.TracegraphCli;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tracegraph generate}: writes a realistic, deterministic sample span archive (a web shop of 22 services)
 * with the ground truth of what it generated. The demo's, the tests' and the benchmark's input.
 */
@Command(name = "generate",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    versionProvider = TracegraphCli.Version.class,
    description = {
        "Writes a realistic, deterministic sample span archive (span archive v1 Parquet) under ROOT/date=YYYY-MM-DD/, "
            + "each span in the partition of its start's UTC day: a web shop of 22 services with databases, a cache, "
            + "Kafka and an external payment provider, errors starting deep in the call tree, and (by default) the "
            + "imperfections of real archives: lost spans, duplicate rows, broken context propagation, clock skew, "
            + "traces crossing midnight, tolerated spellings and invalid rows.",
        "The ground truth goes to ROOT/_generator/ (ignored by readers): summary.json with the counts of everything "
            + "injected, expected_links/date=D/ (the dependency links each day should give) and traces/date=D/ "
            + "(root, error origin and imperfection flags per trace).",
        "Same options and seed, same rows, whatever the Spark partitioning. The generated days are replaced; other "
            + "days are left alone.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  # yesterday (UTC), 200,000 spans, realistic imperfections",
        "  tracegraph generate --out /data/spans",
        "",
        "  # a clean week for tests: complete trees, each trace inside its day",
        "  tracegraph generate --out /tmp/spans --date 2026-01-05 --days 7 \\",
        "      --spans 70000 --imperfections none",
        "",
        "  # the day after, with feature-flags three times slower and a new call payment -> tax",
        "  tracegraph generate --out /tmp/spans --date 2026-01-06 --slower feature-flags=3 \\",
        "      --extra-call payment=tax",
        "",
        "  # known N+1 loops, retries and linked batch consumers, for testing what the nightly finds",
        "  tracegraph generate --out /tmp/spans --date 2026-01-06 --imperfections none \\",
        "      --n-plus-one-loop review=pricing:8 --retried-call cart=currency:3 \\",
        "      --batch-consumer fulfillment=50",
        "",
        "  # 20 million spans for a benchmark, on a cluster",
        "  tracegraph generate --out hdfs:///bench/spans --date 2026-01-05 \\",
        "      --spans 20000000 --master spark://10.0.0.5:7077 --partitions 64"})
public final class GenerateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "ROOT",
      description = "Archive root: spans go to ROOT/date=YYYY-MM-DD/, the ground truth to ROOT/_generator/.")
  String out;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "First day to generate (UTC). Default: yesterday.")
  String date;

  @Option(names = "--days", paramLabel = "N", defaultValue = "" + GeneratorOptions.DAYS_DEFAULT,
      description = "Number of consecutive days. Default: ${DEFAULT-VALUE}.")
  int days;

  @Option(names = "--spans", paramLabel = "N", defaultValue = "" + GeneratorOptions.SPANS_DEFAULT,
      description = "Approximate number of spans over all days; the trace count follows from the mean trace size. "
          + "Default: ${DEFAULT-VALUE}.")
  long spans;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + GeneratorOptions.SEED_DEFAULT,
      description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--imperfections", paramLabel = "MODE", defaultValue = "realistic",
      completionCandidates = ModeNames.class,
      description = "${COMPLETION-CANDIDATES}: inject the imperfections of real archives at small documented rates, "
          + "or none (complete trees inside their day, rows that read without repair). Default: ${DEFAULT-VALUE}.")
  String imperfections;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master. Default: $SPARK_MASTER or " + SparkSessions.DEFAULT_MASTER + ".")
  String master;

  @Mixin SparkConfOption sparkConf;

  @Option(names = "--partitions", paramLabel = "N",
      description = "Spark partitions for generation (does not change the output). Default: max(2, spans / 500000).")
  Integer partitions;

  @Option(names = "--slower", paramLabel = "SERVICE=FACTOR",
      description = "Make a service's own work (the self time of its spans) FACTOR times as long, for example "
          + "feature-flags=3. Repeatable. For testing what the day-over-day diff finds.")
  List<String> slower;

  @Option(names = "--extra-call", paramLabel = "CALLER=CALLEE",
      description = "Every request CALLER serves ends with a call to CALLEE (a new edge), for example "
          + "payment=tax. Repeatable. Both must be services that serve requests.")
  List<String> extraCalls;

  @Option(names = "--failing-database", paramLabel = "NAME=RATE",
      description = "Calls to a database fail with probability RATE, for example orders=0.2, in traces without another "
          + "injected error; the first failed call is the trace's error origin. Repeatable. NAME: a system "
          + "(postgresql, redis, elasticsearch: all its databases) or one database (orders, payments, products, "
          + "product-search, reviews, shipments, stock, users).")
  List<String> failingDatabases;

  @Option(names = "--n-plus-one-loop", paramLabel = "CALLER=CALLEE:N",
      description = "Every request CALLER serves ends with N calls to CALLEE, one after the other (an N+1 loop), for "
          + "example review=pricing:8. Repeatable. For testing the call patterns.")
  List<String> nPlusOneLoops;

  @Option(names = "--retried-call", paramLabel = "CALLER=CALLEE:K",
      description = "Every request CALLER serves ends with a call to CALLEE made in K attempts, the first K-1 failing "
          + "(K-1 retries), for example cart=currency:3. Repeatable.")
  List<String> retriedCalls;

  @Option(names = "--occasional-fan-out", paramLabel = "CALLER=CALLEE:N",
      description = "Every request CALLER serves ends with a call to CALLEE; one in " + InjectedPatterns.FAN_OUT_ONE_IN
          + " makes N calls in parallel instead, for example ad=feature-flags:12. Repeatable.")
  List<String> fanOuts;

  @Option(names = "--batch-consumer", paramLabel = "SERVICE=N",
      description = "Consumer group SERVICE of topic orders (fulfillment or notification) consumes in batch traces "
          + "whose root links (span links) to the producer span of every message published by N consecutive traces "
          + "of the day, for example fulfillment=50. Repeatable.")
  List<String> batchConsumers;

  @Option(names = "--growth", paramLabel = "ENTRY=RATE",
      description = "Grow one entry point's traffic by RATE per day, compounding, on top of the normal mix (for "
          + "capacity tests), e.g. \"frontend GET /=5%%\". Default: none.")
  String growth;

  public GenerateCommand() {}

  /**
   * The validated {@code --slower}, {@code --extra-call}, {@code --failing-database} and injected patterns; a bad value
   * is a usage error naming the option.
   */
  Perturbations perturbations() {
    try {
      return Perturbations.parse(slower, extraCalls, failingDatabases)
          .with(InjectedPatterns.parse(nPlusOneLoops, retriedCalls, fanOuts, batchConsumers));
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** The validated options; a bad value is a usage error (exit code 2) naming the option. */
  GeneratorOptions options() {
    LocalDate first;
    if (date == null) {
      first = GeneratorOptions.defaultFirstDay();
    } else {
      try {
        first = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        throw usage("--date must be a day as YYYY-MM-DD, got '" + date + "'");
      }
    }
    ImperfectionMode mode;
    try {
      mode = ImperfectionMode.parse(imperfections);
    } catch (IllegalArgumentException e) {
      throw usage("--imperfections: " + e.getMessage());
    }
    try {
      GeneratorOptions.Builder options = GeneratorOptions.builder(out, first).days(days).spans(spans).seed(seed)
          .imperfections(mode).master(SparkSessions.resolveMaster(master)).growth(Growth.parse(growth));
      if (partitions != null) options.partitions(partitions);
      return options.build();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  @Override
  public Integer call() {
    GeneratorOptions options = options();
    Perturbations perturbations = perturbations();
    StageLog log = new StageLog("generate");
    SparkSession spark = SparkSessions.create(options.master(), "tracegraph generate", sparkConf.settings());
    try {
      new GenerateJob(options, perturbations).run(spark, log);
    } finally {
      spark.stop();
    }
    return 0;
  }

  /** The spellings of {@code --imperfections}, for the help text and shell completion. */
  static final class ModeNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of(ImperfectionMode.REALISTIC.cliName(), ImperfectionMode.NONE.cliName()).iterator();
    }
  }
}
