package io.tracegraph.tools.bench;

import static org.apache.spark.sql.functions.col;

import io.tracegraph.jobs.archive.ArchiveFiles;
import io.tracegraph.jobs.archive.SpanArchiveSchema;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Benchmark input: one day of a span archive copied sorted by {@code trace_id} (range-partitioned into N files,
 * sorted within each), with row groups of a given size: the layout docs/trace.md recommends for fast
 * {@code tracegraph trace} lookups, written the way that page's Spark recipe writes it; or, as the control, the same
 * rows in random order with the same files and row-group size. Hidden: used by scripts/bench --trace-lookup and the
 * lookup tests.
 */
@Command(name = "sort-archive", hidden = true, mixinStandardHelpOptions = true,
    description = "Benchmark input: copies one day of a span archive, sorted by trace_id.")
public final class SortArchiveCommand implements Callable<Integer> {
  @Option(names = "--spans", required = true, paramLabel = "ROOT") String spans;
  @Option(names = "--out", required = true, paramLabel = "ROOT") String out;
  @Option(names = "--files", defaultValue = "8") int files;
  @Option(names = "--row-group-bytes", defaultValue = "" + (16 << 20)) long rowGroupBytes;
  @Option(names = "--sorted", defaultValue = "true", arity = "1",
      description = "false: the same files and row groups, rows in random order (the unsorted control).")
  boolean sorted;
  @Mixin BenchDay day;

  @Override
  public Integer call() {
    SparkSession spark = day.session("tracegraph sort-archive");
    try {
      copy(spark, spans, out, day.date, files, rowGroupBytes, sorted);
      System.out.println("sort-archive: wrote " + day.date + (sorted ? " sorted by trace_id" : " unsorted") + " to "
          + out);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** Copies day {@code date} of archive {@code spans} to {@code out}, in {@code files} files, sorted or not. */
  public static void copy(SparkSession spark, String spans, String out, LocalDate date, int files, long rowGroupBytes,
                          boolean sorted) {
    var rows = spark.read().schema(SpanArchiveSchema.STRUCT).parquet(ArchiveFiles.partition(spans, date).toString());
    rows = sorted
        ? rows.repartitionByRange(files, col(SpanArchiveSchema.TRACE_ID)).sortWithinPartitions(SpanArchiveSchema.TRACE_ID)
        : rows.repartition(files);
    rows.write().mode("overwrite").option("parquet.block.size", rowGroupBytes)
        .parquet(ArchiveFiles.partition(out, date).toString());
  }
}
