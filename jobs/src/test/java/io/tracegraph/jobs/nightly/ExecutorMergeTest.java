package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SameOutput;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.model.DaySummary;
import io.tracegraph.model.DayWindow;
import io.tracegraph.model.HexIds;
import io.tracegraph.model.RandomTraces;
import io.tracegraph.model.Span;
import io.tracegraph.model.TraceTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partitions' summaries are merged on the executors into the one summary the driver receives: the same summary as
 * the driver's own fold of every partial, and the same output, whatever the number of partitions and merge levels.
 */
class ExecutorMergeTest extends SparkTestBase {
  static final DayWindow WINDOW = new DayWindow(LocalDate.of(2024, 5, 1), Duration.ofHours(1));

  @TempDir Path tmp;

  @Test
  void theDriverReceivesOneSummaryEqualToTheFoldOfAllPartials() {
    List<RandomTraces.GeneratedTrace> traces = RandomTraces.generate(5, 400);
    int partitions = 40; // 40 → 3 → 1: two levels
    List<byte[]> partials = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      DaySummary partial = new DaySummary(WINDOW);
      for (int t = p; t < traces.size(); t += partitions) add(partial, traces.get(t));
      partials.add(SummarizeTraces.serialize(partial));
    }
    JavaRDD<byte[]> rdd = JavaSparkContext.fromSparkContext(spark().sparkContext()).parallelize(partials, partitions);

    ExecutorMerge.Merged merged = ExecutorMerge.merge(rdd);

    assertEquals(40, merged.partitions());
    assertEquals(2, merged.levels());
    DaySummary driverFold = new DaySummary(WINDOW);
    for (byte[] partial : partials) driverFold.merge(SummarizeTraces.deserialize(partial));
    DaySummary received = new DaySummary(WINDOW).merge(SummarizeTraces.deserialize(merged.summary()));
    assertEquals(driverFold.links(), received.links());
    assertEquals(RandomTraces.totalExpectedLinks(traces), received.links());
    assertEquals(driverFold.counters(), received.counters());
    assertEquals(driverFold.services(), received.services());
    assertEquals(driverFold.exemplars(), received.exemplars());
    DaySummary whole = new DaySummary(WINDOW);
    for (RandomTraces.GeneratedTrace t : traces) add(whole, t);
    int wholeBytes = SummarizeTraces.serialize(whole).length;
    long all = partials.stream().mapToLong(b -> b.length).sum();
    assertTrue(merged.summary().length <= wholeBytes * 11 / 10 && wholeBytes < all,
        "the driver receives one summary (" + merged.summary().length + " bytes) as big as the day's built at once ("
            + wholeBytes + "), not every partial (" + all + ")");
  }

  @Test
  void oneOrNoPartitions() {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark().sparkContext());
    byte[] one = SummarizeTraces.serialize(new DaySummary(WINDOW));
    ExecutorMerge.Merged single = ExecutorMerge.merge(sc.parallelize(List.of(one), 1));
    assertArrayEquals(one, single.summary());
    assertEquals(1, single.levels());
    ExecutorMerge.Merged none = ExecutorMerge.merge(sc.<byte[]>emptyRDD());
    assertEquals(0, none.summary().length);
    assertEquals(0, none.levels());
  }

  /** The whole output of a day is the same with 4 partitions (one level) and 37 (two levels). */
  @Test
  void theOutputDoesNotDependOnThePartitionCount() throws Exception {
    List<List<Span>> traces = new ArrayList<>();
    for (RandomTraces.GeneratedTrace t : RandomTraces.generate(9, 600)) traces.add(t.spans());
    Path spans = tmp.resolve("spans");
    ArchiveFixtures.write(spark(), spans, traces);
    LocalDate day = ArchiveFixtures.dayOf(io.tracegraph.model.TestTraces.DAY_START_NANOS);

    Path four = Files.createDirectories(tmp.resolve("four"));
    NightlyRunner.run(spark(), spans, four, day);
    Path many = Files.createDirectories(tmp.resolve("many"));
    String before = spark().conf().get(ShufflePartitions.SETTING);
    spark().conf().set(ShufflePartitions.SETTING, "37");
    try {
      NightlyRunner.run(spark(), spans, many, day);
    } finally {
      spark().conf().set(ShufflePartitions.SETTING, before);
    }

    assertFalse(NightlyRunner.jsonLinks(four, day).isEmpty());
    SameOutput.assertSame(spark(), spark().sparkContext().hadoopConfiguration(),
        new SameOutput.Run(four.toString(), spans.toString()), new SameOutput.Run(many.toString(), spans.toString()),
        List.of(day));
  }

  private static void add(DaySummary summary, RandomTraces.GeneratedTrace t) {
    long high = HexIds.traceHigh(t.traceIdHex());
    long low = HexIds.traceLow(t.traceIdHex());
    summary.addTrace(high, low, TraceTree.build(high, low, new ArrayList<>(t.spans())));
  }
}
