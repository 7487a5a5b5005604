package io.tracegraph.jobs.nightly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The number of shuffle partitions of the trace shuffle, sized from the bytes of the input files: one partition per
 * {@value #TARGET_INPUT_BYTES} bytes of (compressed) input, at least the cluster's default parallelism. Spark's fixed
 * default (200) is too many for a small day and far too few for a billion spans (~30 GB of Parquet, ~100 GB of
 * shuffled rows: 500 MB sorted per task); adaptive execution then merges partitions that came out small, so the count
 * is an upper bound. {@code --conf spark.sql.shuffle.partitions=N} (or the same setting of spark-submit) overrides it.
 */
final class ShufflePartitions {
  static final String SETTING = "spark.sql.shuffle.partitions";
  /** About 600,000 spans of a typical archive; their rows shuffle as about 50 MB, under Spark's 64 MB advisory size. */
  static final long TARGET_INPUT_BYTES = 16L << 20;

  private ShufflePartitions() {}

  /** The count and where it came from, for the log and run.json. */
  record Sizing(int partitions, long inputBytes, boolean fromSetting) {
    String describe() {
      return fromSetting ? SETTING + "=" + partitions + " (set)"
          : partitions + " shuffle partitions for " + inputBytes / (1 << 20) + " MB of input";
    }
  }

  /**
   * The sizing of the trace shuffle: the user's {@value #SETTING} when set, else from the input files' bytes.
   *
   * @throws UncheckedIOException when an input folder cannot be listed
   */
  static Sizing of(SparkSession spark, List<String> inputFiles) {
    boolean set = spark.conf().contains(SETTING) || spark.sparkContext().getConf().contains(SETTING);
    if (set) return new Sizing(Integer.parseInt(spark.conf().get(SETTING)), -1, true);
    long bytes = inputBytes(inputFiles, spark.sparkContext().hadoopConfiguration());
    return new Sizing(of(bytes, spark.sparkContext().defaultParallelism()), bytes, false);
  }

  /**
   * Runs {@code action} (which plans and runs the trace shuffle) with {@value #SETTING} set to the sizing, then
   * removes it again, so that the next day of a multi-day run is sized from its own input.
   */
  static <T> T during(SparkSession spark, Sizing sizing, Supplier<T> action) {
    if (sizing.fromSetting()) return action.get();
    spark.conf().set(SETTING, sizing.partitions());
    try {
      return action.get();
    } finally {
      spark.conf().unset(SETTING);
    }
  }

  /** One partition per {@link #TARGET_INPUT_BYTES}, rounded up, and at least {@code parallelism}. */
  static int of(long inputBytes, int parallelism) {
    long bySize = (inputBytes + TARGET_INPUT_BYTES - 1) / TARGET_INPUT_BYTES;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(Math.max(1, parallelism), bySize));
  }

  /** The total length of the files, listing each folder once (one request per folder on object storage). */
  static long inputBytes(List<String> files, Configuration conf) {
    Map<Path, Set<String>> byFolder = new TreeMap<>();
    for (String file : files) {
      Path path = new Path(file);
      byFolder.computeIfAbsent(path.getParent(), k -> new TreeSet<>()).add(path.getName());
    }
    long total = 0;
    for (Map.Entry<Path, Set<String>> folder : byFolder.entrySet()) {
      try {
        for (FileStatus status : folder.getKey().getFileSystem(conf).listStatus(folder.getKey())) {
          if (folder.getValue().contains(status.getPath().getName())) total += status.getLen();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + folder.getKey(), e);
      }
    }
    return total;
  }
}
