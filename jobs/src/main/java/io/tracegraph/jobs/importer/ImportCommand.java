package io.tracegraph.jobs.importer;

import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.cli.SparkConfOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tracegraph import}: span files of other tools → span archive v1, streaming, one date partition per UTC day. */
@Command(name = "import",
    mixinStandardHelpOptions = true,
    description = {
        "Imports span files into span archive v1 (ROOT/date=YYYY-MM-DD/, the UTC day of each span's start), streaming: "
            + "files larger than memory work. Each day is written under ROOT/.staging first and moved into place. "
            + "Re-importing the same file changes nothing; other files are added beside it (never replacing).",
        "Lines or rows that cannot be read are reported with file and line number and skipped (--strict: the first "
            + "one stops the import with exit code 3). A record of each imported file, with its counts and problems, "
            + "goes to ROOT/_imports/<key>.json.",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  tracegraph import --from otlp-json /var/otel/traces.jsonl --out /data/spans",
        "  tracegraph import --from zipkin-json trace-*.json --out /data/spans",
        "  tracegraph import --from jaeger-json export.json.gz --out /data/spans",
        "  tracegraph import --from csv spans.csv --out /data/spans \\",
        "      --map trace_id=TraceID,span_id=SpanID,parent_span_id=ParentID \\",
        "      --map service_name=PodName,name=OperationName \\",
        "      --map start_time_unix_nano=Start,end_time_unix_nano=End \\",
        "      --service-pattern '(.+)-[a-z0-9]+-[a-z0-9]+'"})
public final class ImportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "FORMAT",
      description = "Input format: otlp-json, zipkin-json, jaeger-json or csv.")
  String from;

  @Parameters(arity = "1..*", paramLabel = "FILES", description = "Input files (local or Hadoop paths; .gz is decompressed).")
  List<String> files;

  @Option(names = "--out", required = true, paramLabel = "ROOT", description = "Span archive root to write.")
  String out;

  @Option(names = "--map", split = ",", paramLabel = "FIELD=COLUMN",
      description = "csv only: which column holds which field, e.g. trace_id=TraceID,span_id=SpanID,"
          + "start_time_unix_nano=Start,duration_micro=Duration. Repeatable.")
  List<String> map;

  @Option(names = "--service-pattern", paramLabel = "REGEX",
      description = "csv only: a service value matching REGEX becomes its first group (e.g. a pod name to its "
          + "deployment). Default: none, values as given.")
  String servicePattern;

  @Option(names = "--csv-delimiter", paramLabel = "CHAR", defaultValue = ",",
      description = "csv only: field delimiter. Default: ${DEFAULT-VALUE}")
  char csvDelimiter;

  @Option(names = "--strict", description = "Stop at the first unreadable line or row (exit 3) instead of reporting and "
      + "skipping it. Default: off.")
  boolean strict = ImportOptions.DEFAULT_STRICT;

  @Mixin SparkConfOption sparkConf;

  @Override
  public Integer call() {
    ImportOptions options;
    try {
      ImportFormat format = ImportFormat.parse(from);
      CsvMapping mapping = map == null && servicePattern == null ? null
          : CsvMapping.parse(map == null ? List.of() : map, servicePattern);
      options = new ImportOptions(format, files, out, mapping, csvDelimiter, strict);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    new ImportJob(options, new StageLog("import"), hadoopConfiguration()).run();
    return 0;
  }

  /**
   * Import reads and writes through Hadoop's file systems without a Spark job: of the {@code --conf} settings only
   * {@code spark.hadoop.*} apply (as they would to a Spark session's Hadoop configuration); the others are named as
   * having no effect.
   */
  private Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    sparkConf.hadoopSettings().forEach(conf::set);
    sparkConf.settings().keySet().stream().filter(k -> !k.startsWith(SparkConfOption.HADOOP_PREFIX))
        .forEach(k -> spec.commandLine().getErr().println("tracegraph import: --conf " + k
            + " has no effect: import runs no Spark job (spark.hadoop.* settings apply)"));
    return conf;
  }
}
