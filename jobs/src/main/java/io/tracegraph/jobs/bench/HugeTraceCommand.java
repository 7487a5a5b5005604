package io.tracegraph.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.when;

import io.tracegraph.jobs.SparkSessions;
import io.tracegraph.jobs.cli.SparkConfOption;
import io.tracegraph.jobs.io.SpanArchiveSchema;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Benchmark input: one trace of N spans (default 1,000,000) in one day's partition, to check that the nightly job
 * processes a huge trace within its heap. Span i (from 1) is a child of span (i+2)/4, so the tree is a 4-ary heap of
 * depth log4(N): SERVER spans with one CLIENT per child call, services cycling through 20 names. Hidden: used by
 * scripts/bench --huge-trace.
 */
@Command(name = "huge-trace", hidden = true, mixinStandardHelpOptions = true,
    description = "Benchmark input: writes a single trace of N spans as span archive v1.")
public final class HugeTraceCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "ROOT") String out;
  @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD") LocalDate date;
  @Option(names = "--spans", defaultValue = "1000000") long spans;
  @Option(names = "--master", paramLabel = "URL") String master;

  @Mixin SparkConfOption sparkConf;

  @Override
  public Integer call() {
    SparkSession spark = SparkSessions.create(SparkSessions.resolveMaster(master), "tracegraph huge-trace",
        sparkConf.settings());
    try {
      long noon = date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L + 43_200_000_000_000L;
      Column i = col("id").plus(1);
      Column parent = when(i.equalTo(1), lit(0L)).otherwise(i.plus(2).divide(4).cast(DataTypes.LongType)); // children of p: 4p-2 .. 4p+1
      Column service = concat(lit("svc-"), i.mod(20).cast(DataTypes.StringType));
      Column isClient = i.mod(2).equalTo(0);
      Column depth = functionsLog4(i);
      spark.range(spans).select(
              lit("00000000000000000000000000abcdef").as(SpanArchiveSchema.TRACE_ID),
              format_string("%016x", i).as(SpanArchiveSchema.SPAN_ID),
              when(parent.equalTo(0), lit(null).cast(DataTypes.StringType))
                  .otherwise(format_string("%016x", parent)).as(SpanArchiveSchema.PARENT_SPAN_ID),
              service.as(SpanArchiveSchema.SERVICE_NAME),
              lit("op").as(SpanArchiveSchema.NAME),
              when(isClient, lit("CLIENT")).otherwise(lit("SERVER")).as(SpanArchiveSchema.KIND),
              lit(noon).plus(depth.multiply(1_000_000L)).as(SpanArchiveSchema.START_TIME),
              lit(noon).plus(lit(60_000_000_000L)).minus(depth.multiply(1_000_000L)).as(SpanArchiveSchema.END_TIME),
              lit("UNSET").as(SpanArchiveSchema.STATUS_CODE),
              lit(null).cast(DataTypes.StringType).as(SpanArchiveSchema.STATUS_MESSAGE),
              map(lit("peer.service"), lit("db")).as(SpanArchiveSchema.ATTRIBUTES),
              map(lit("service.name"), service).as(SpanArchiveSchema.RESOURCE_ATTRIBUTES),
              lit(null).cast(SpanArchiveSchema.STRUCT.apply(SpanArchiveSchema.LINKS).dataType())
                  .as(SpanArchiveSchema.LINKS))
          .write().mode("overwrite").parquet(out + "/" + SpanArchiveSchema.DATE_PARTITION + "=" + date);
      System.out.println("huge-trace: wrote " + spans + " spans of one trace to " + out);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** floor(log4(i)) as a column: the depth of span i in the 4-ary heap. */
  private static Column functionsLog4(Column i) {
    return org.apache.spark.sql.functions.floor(org.apache.spark.sql.functions.log(4.0, i)).cast(DataTypes.LongType);
  }
}
