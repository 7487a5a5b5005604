package io.tracegraph.jobs.sql;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.cli.SparkConfOption;
import io.tracegraph.jobs.cli.SparkMasterOption;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tracegraph sql}: Spark SQL over the output tables, each registered as a view. */
@Command(name = "sql",
    mixinStandardHelpOptions = true,
    usageHelpWidth = 110,
    description = {
        "Runs a Spark SQL query over the tables under OUT/tables/, each registered as a view named after its folder "
            + "(dependency_links, ...), with its partition column `date` (YYYY-MM-DD). Prints an aligned table, "
            + "or CSV / JSON lines to standard output or --output, or writes Parquet to --output."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  # busiest links of a week",
        "  tracegraph sql --out /data/tracegraph --from 2026-11-16 --to 2026-11-22 \\",
        "    \"SELECT parent, child, sum(call_count) AS calls, sum(error_count) AS errors",
        "     FROM dependency_links GROUP BY parent, child ORDER BY calls DESC LIMIT 10\"",
        "",
        "  # services whose p99 grew most from the first day of the range to the last",
        "  tracegraph sql --out /data/tracegraph --from 2026-11-16 --to 2026-11-22 \\",
        "    \"SELECT service, round(max_by(latency_p99_us, date) / min_by(latency_p99_us, date), 2) AS p99_growth",
        "     FROM services GROUP BY service ORDER BY p99_growth DESC LIMIT 10\"",
        "",
        "  # every caller of a service, with its daily calls, as CSV for a spreadsheet",
        "  tracegraph sql --out /data/tracegraph --format csv --output callers.csv \\",
        "    \"SELECT date, parent, call_count FROM dependency_links WHERE child = 'payment' ORDER BY date, parent\"",
        "",
        "  # which tables and columns are there",
        "  tracegraph sql --out /data/tracegraph \"SHOW TABLES\"",
        "  tracegraph sql --out /data/tracegraph \"DESCRIBE dependency_links\"",
        "",
        "More questions with their queries: docs/querying.md, 'Questions answered with tracegraph sql'; every table",
        "and column: docs/tables.md."})
public final class SqlCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output root of the nightly job.")
  String out;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day included. Default: all days.")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day included. Default: all days.")
  LocalDate to;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      converter = FormatConverter.class,
      description = "table, csv, json (one object per line) or parquet (needs --output). Default: ${DEFAULT-VALUE}.")
  ResultFormat format;

  @Option(names = "--output", paramLabel = "PATH",
      description = "File to write (table/csv/json) or folder (parquet). Default: standard output.")
  String output; // a Hadoop path: local, hdfs://, s3a://, ...

  @Option(names = "--max-rows", paramLabel = "N", defaultValue = "100000",
      description = "At most this many rows are printed (table, csv, json). Default: ${DEFAULT-VALUE}.")
  int maxRows;

  @Mixin
  SparkMasterOption spark;

  @Mixin SparkConfOption sparkConf;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The Spark SQL query.")
  String query;

  @Override
  public Integer call() throws Exception {
    if (format == ResultFormat.PARQUET && output == null) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--format parquet needs --output");
    }
    SparkSession session = spark.session("tracegraph sql", sparkConf);
    try {
      OutputTables.Registered registered = OutputTables.register(session, out, from, to);
      if (registered.skippedLine() != null) System.err.println("tracegraph sql: " + registered.skippedLine());
      List<String> tables = registered.names();
      Dataset<Row> result = run(session, tables);
      if (format == ResultFormat.PARQUET) {
        result.write().mode("overwrite").parquet(output);
        System.err.println("tracegraph sql: wrote " + output);
        return 0;
      }
      List<Row> rows = result.limit(maxRows + 1).collectAsList();
      boolean cut = rows.size() > maxRows;
      if (cut) rows = rows.subList(0, maxRows);
      try (PrintWriter writer = writer(session)) {
        ResultPrinter.print(result.schema(), rows, format, writer);
      }
      if (cut) System.err.println("tracegraph sql: printed the first " + maxRows + " rows (--max-rows)");
      return 0;
    } finally {
      session.stop();
    }
  }

  private Dataset<Row> run(SparkSession spark, List<String> tables) {
    try {
      Dataset<Row> result = spark.sql(query);
      result.schema(); // resolves names now, so unknown tables and columns fail here with our message
      return result;
    } catch (Exception e) { // Scala throws the checked AnalysisException undeclared
      if (e instanceof AnalysisException analysis) {
        throw new BadInputException(QueryErrors.explain(analysis, spark, tables));
      }
      throw e;
    }
  }

  private PrintWriter writer(SparkSession spark) throws java.io.IOException {
    if (output == null) return new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    Path file = new Path(output);
    FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (fs instanceof ChecksumFileSystem local) fs = local.getRawFileSystem(); // no .crc file beside the result
    return new PrintWriter(new OutputStreamWriter(fs.create(file, true), StandardCharsets.UTF_8));
  }

  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<ResultFormat> {
    @Override
    public ResultFormat convert(String value) {
      try {
        return ResultFormat.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a format: use table, csv, json or parquet");
      }
    }
  }
}
