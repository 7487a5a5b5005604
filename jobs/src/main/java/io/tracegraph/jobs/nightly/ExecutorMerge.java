package io.tracegraph.jobs.nightly;

import io.tracegraph.model.DaySummary;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Merges the partitions' serialized {@link DaySummary}s on the executors, in a tree, so that the driver receives one
 * merged summary: its size depends on the day's distinct services, edges and operations, never on the partition
 * count (the driver of zipkin-dependencies and spark-dependencies collects every partial and runs out of memory at
 * scale).
 *
 * <p>Each level groups {@value #FAN_IN} summaries by their index (summary {@code i} goes to group {@code i / FAN_IN},
 * one shuffle of the serialized bytes) and merges each group in one task, until one summary is left: depth
 * ⌈log<sub>16</sub> partitions⌉ (two levels up to 256 partitions, three up to 4,096). The order in which a group's
 * summaries meet differs from run to run, which is safe because {@link DaySummary#merge} is order-independent.
 */
final class ExecutorMerge {
  /** Summaries merged by one task at each level: few enough to hold at once, enough for a shallow tree. */
  static final int FAN_IN = 16;

  private ExecutorMerge() {}

  /** What the driver received: the merged summary's bytes, from how many partitions, through how many levels. */
  record Merged(byte[] summary, int partitions, int levels) {}

  /**
   * The one summary of all {@code partials} (the serialized summaries of each partition, keyed by the partition's
   * index), or empty bytes when there are none. Runs the partials' job once: the levels are planned from the
   * partition count, which needs no count of the elements.
   */
  static Merged merge(JavaRDD<byte[]> partials) {
    int partitions = partials.getNumPartitions();
    JavaPairRDD<Integer, byte[]> level = partials.mapPartitionsWithIndex(
        (index, it) -> new PartitionIterator(index, it), true).mapToPair(p -> p);
    int levels = 0;
    // At least one level, so that a partition that yielded more than one summary is merged too.
    for (long n = partitions; n > 1 || levels == 0 && n == 1; n = groups(n)) {
      int groups = (int) groups(n);
      level = level.mapToPair(p -> new Tuple2<>(p._1() / FAN_IN, p._2()))
          .groupByKey(new HashPartitioner(groups))
          .mapValues(ExecutorMerge::mergeAll);
      levels++;
    }
    List<byte[]> last = level.values().collect();
    if (last.size() > 1) throw new IllegalStateException("the merge left " + last.size() + " summaries");
    return new Merged(last.isEmpty() ? new byte[0] : last.get(0), partitions, levels);
  }

  /** The elements of one partition, keyed by the partition's index. */
  private record PartitionIterator(int index, Iterator<byte[]> elements) implements Iterator<Tuple2<Integer, byte[]>> {
    @Override
    public boolean hasNext() {
      return elements.hasNext();
    }

    @Override
    public Tuple2<Integer, byte[]> next() {
      return new Tuple2<>(index, elements.next());
    }
  }

  private static long groups(long n) {
    return (n + FAN_IN - 1) / FAN_IN;
  }

  /** Merges serialized summaries into one, deserializing one at a time. */
  static byte[] mergeAll(Iterable<byte[]> summaries) {
    Iterator<byte[]> it = summaries.iterator();
    byte[] first = it.next();
    if (!it.hasNext()) return first;
    DaySummary merged = SummarizeTraces.deserialize(first);
    while (it.hasNext()) merged.merge(SummarizeTraces.deserialize(it.next()));
    return SummarizeTraces.serialize(merged);
  }
}
