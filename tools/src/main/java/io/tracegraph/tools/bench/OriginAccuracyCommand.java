package io.tracegraph.tools.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.struct;

import io.tracegraph.jobs.archive.ArchiveFiles;
import io.tracegraph.jobs.source.ArchiveSource;
import io.tracegraph.jobs.source.SpanColumns;
import io.tracegraph.jobs.source.SpanRowReader;
import io.tracegraph.model.ClockSkewAdjuster;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.ErrorOrigins;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.ParsedRow;
import io.tracegraph.model.Span;
import io.tracegraph.model.TraceTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Benchmark check of the error origins against a generated archive's ground truth: for every trace the generator
 * failed ({@code ROOT/_generator/traces}, {@code error_origin_span_id}), are the origins the model finds exactly the
 * injected span? Groups the day's rows by trace id with plain Spark SQL (it is a check, not the nightly job), runs
 * the model's {@link ErrorOrigins#originsOf} per trace and compares on the driver. Hidden: used by scripts/bench.
 */
@Command(name = "origin-accuracy", hidden = true, mixinStandardHelpOptions = true,
    description = "Benchmark check: error origins found vs the generator's injected origins.")
public final class OriginAccuracyCommand implements Callable<Integer> {
  @Option(names = "--spans", required = true, paramLabel = "ROOT") String spans;
  @Mixin BenchDay day;

  @Override
  public Integer call() {
    SparkSession spark = day.session("tracegraph origin-accuracy");
    try {
      long t0 = System.nanoTime();
      DayWindow window = new DayWindow(day.date, Duration.ZERO);
      List<String> files = ArchiveFiles.of(spans, List.of(day.date), false, spark.sparkContext().hadoopConfiguration())
          .readable();
      var rows = ArchiveSource.read(spark, files, window);
      var columns = rows.columns();
      var traces = rows.groupBy(lower(lpad(col(SpanColumns.TRACE_ID), 32, "0")).as("tid"))
          .agg(collect_list(struct(java.util.Arrays.stream(columns).map(c -> col(c)).toArray(
              org.apache.spark.sql.Column[]::new))).as("rows"));
      Map<String, String> found = new HashMap<>();
      for (String line : traces.flatMap(new TraceToOrigins(), Encoders.STRING()).collectAsList()) {
        int tab = line.indexOf('\t');
        found.put(line.substring(0, tab), line.substring(tab + 1));
      }
      Map<String, String> injected = new HashMap<>();
      for (Row r : spark.read().parquet(spans + "/_generator/traces").where("date = '" + day.date + "'")
          .where("error_origin_span_id IS NOT NULL").select("trace_id", "error_origin_span_id").collectAsList()) {
        injected.put(r.getString(0), r.getString(1));
      }
      long matched = injected.entrySet().stream().filter(e -> e.getValue().equals(found.get(e.getKey()))).count();
      long unexpected = found.keySet().stream().filter(id -> !injected.containsKey(id)).count();
      System.out.printf(Locale.ROOT,
          "origin-accuracy: failed=%d matched=%d rate=%.4f traces_with_origins=%d without_injected_error=%d "
              + "seconds=%.2f%n", injected.size(), matched, injected.isEmpty() ? 1.0 : (double) matched / injected.size(),
          found.size(), unexpected, (System.nanoTime() - t0) / 1e9);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** One trace's rows → "trace id TAB origin span ids (sorted, comma-separated)", for traces with an origin. */
  static final class TraceToOrigins implements FlatMapFunction<Row, String> {
    @Override
    public Iterator<String> call(Row trace) {
      List<Span> spans = new ArrayList<>();
      SpanRowReader reader = null;
      for (Row r : trace.<Row>getList(1)) {
        if (reader == null) reader = SpanRowReader.of(r.schema());
        ParsedRow parsed = reader.parse(r);
        if (!parsed.isDropped()) spans.add(parsed.span());
      }
      if (spans.isEmpty()) return List.<String>of().iterator();
      var origins = ErrorOrigins.originsOf(ClockSkewAdjuster.withDefaults().adjust(TraceTree.build(spans)));
      if (origins.isEmpty()) return List.<String>of().iterator();
      TreeSet<String> ids = new TreeSet<>();
      for (ErrorOrigins.Origin o : origins) ids.add(HexIds.toHex(o.origin().spanId()));
      return List.of(trace.getString(0) + "\t" + String.join(",", ids)).iterator();
    }
  }
}
