package io.tracegraph.tools.bench;

import io.tracegraph.jobs.archive.ArchiveFiles;
import io.tracegraph.jobs.source.ArchiveSource;
import io.tracegraph.model.DayWindow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The benchmark's reference point: the plain Spark SQL answer to "who calls whom", a self-join of child spans to
 * their parents (child.parent_span_id = parent.span_id within a trace) counted by service pair. It reads the same
 * columns as the nightly job (the link rules need kind, times and the remote peer from the attributes), through
 * the same reader, but applies none of the rules (no ancestor search, no orphans, no duplicates, no day
 * assignment), so it is a lower bound on the work, not an equivalent. Hidden: used by scripts/bench.
 */
@Command(name = "selfjoin-baseline", hidden = true, mixinStandardHelpOptions = true,
    description = "Benchmark reference: Spark SQL self-join of spans to their parents, counted by service pair.")
public final class SelfJoinBaselineCommand implements Callable<Integer> {
  @Option(names = "--spans", required = true, paramLabel = "ROOT") String spans;
  @Mixin BenchDay day;
  @Option(names = "--explain", description = "Print the physical plan.") boolean explain;

  static final String QUERY = """
      SELECT p.service_name AS parent, c.service_name AS child, count(*) AS calls,
             sum(CASE WHEN c.status_code = 'ERROR' THEN 1 ELSE 0 END) AS errors,
             max(c.end_time_unix_nano - c.start_time_unix_nano) AS slowest_ns,
             max(c.kind) AS some_kind, count(c.peer) AS with_peer
      FROM spans c JOIN spans p ON c.trace_id = p.trace_id AND c.parent_span_id = p.span_id
      WHERE c.service_name <> p.service_name
      GROUP BY p.service_name, c.service_name""";

  @Override
  public Integer call() {
    SparkSession spark = day.session("tracegraph selfjoin baseline");
    try {
      long t0 = System.nanoTime();
      List<String> files = ArchiveFiles.of(spans, List.of(day.date), false, spark.sparkContext().hadoopConfiguration())
          .readable();
      ArchiveSource.read(spark, files, new DayWindow(day.date, Duration.ofHours(1))).createOrReplaceTempView("spans");
      var result = spark.sql(QUERY);
      if (explain) result.explain("formatted");
      List<Row> rows = result.collectAsList();
      long calls = rows.stream().mapToLong(r -> r.getLong(2)).sum();
      System.out.printf("selfjoin-baseline: pairs=%d calls=%d seconds=%.2f%n", rows.size(), calls,
          (System.nanoTime() - t0) / 1e9);
      return 0;
    } finally {
      spark.stop();
    }
  }
}
