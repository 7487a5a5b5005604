package io.tracegraph.tools.bench;

import io.tracegraph.jobs.archive.ArchiveSpan;
import io.tracegraph.model.HexIds;
import io.tracegraph.tools.archive.SparkArchiveWriter;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
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
  @Option(names = "--spans", defaultValue = "1000000") long spans;
  @Mixin BenchDay day;

  @Override
  public Integer call() {
    SparkSession spark = day.session("tracegraph huge-trace");
    try {
      long noon = day.date.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L + 43_200_000_000_000L;
      SparkArchiveWriter.replaceDays(spark, spark.range(spans), new HeapSpans(noon), out, "huge-trace");
      System.out.println("huge-trace: wrote " + spans + " spans of one trace to " + out);
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** Ids 0, 1, ... → span i = id + 1 of the trace, a node of the 4-ary heap. */
  static final class HeapSpans implements SparkArchiveWriter.Spans<Long> {
    private static final long serialVersionUID = 1L;
    private static final String TRACE_ID = "00000000000000000000000000abcdef";
    private final long noon;

    HeapSpans(long noon) {
      this.noon = noon;
    }

    @Override
    public Iterator<ArchiveSpan> of(Iterator<Long> ids) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return ids.hasNext();
        }

        @Override
        public ArchiveSpan next() {
          return span(ids.next() + 1);
        }
      };
    }

    ArchiveSpan span(long i) {
      long parent = i == 1 ? 0 : (i + 2) / 4; // children of p: 4p-2 .. 4p+1
      String service = "svc-" + i % 20;
      long depth = depth(i);
      SortedMap<String, String> resource = new TreeMap<>();
      resource.put("service.name", service);
      return new ArchiveSpan(TRACE_ID, HexIds.toHex(i), parent == 0 ? null : HexIds.toHex(parent), service, "op",
          i % 2 == 0 ? "CLIENT" : "SERVER", noon + depth * 1_000_000L, noon + 60_000_000_000L - depth * 1_000_000L,
          "UNSET", null, new TreeMap<>(Map.of("peer.service", "db")), resource, List.of());
    }

    /** floor(log4(i)), computed as Spark's log(4, i) did when this input was made with Spark SQL. */
    static long depth(long i) {
      return (long) Math.floor(StrictMath.log(i) / StrictMath.log(4.0));
    }
  }
}
