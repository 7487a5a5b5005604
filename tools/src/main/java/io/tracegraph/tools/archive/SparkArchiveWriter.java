package io.tracegraph.tools.archive;

import io.tracegraph.jobs.archive.ArchiveFiles;
import io.tracegraph.jobs.archive.ArchiveSpan;
import io.tracegraph.jobs.archive.ArchiveWriter;
import io.tracegraph.jobs.io.StagedDirectories;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * Writes whole days of a span archive from Spark tasks, through the archive writer the importer uses too
 * ({@link ArchiveWriter}): each task streams the spans of its items into its own files under one staging folder,
 * {@code ROOT/.staging/<name>-<uuid>/date=D/part-<task>-NNNNN.parquet}; then the driver moves each day written into
 * place, replacing that day's folder as a whole (the old one moved aside first and deleted after) and leaving the
 * other days alone. A run that fails before that leaves the archive as it was; the same items give the same files.
 */
public final class SparkArchiveWriter {
  private SparkArchiveWriter() {}

  /** What a task turns its items into: spans, produced one at a time (a task never holds them all). */
  @FunctionalInterface
  public interface Spans<T> extends Serializable {
    Iterator<ArchiveSpan> of(Iterator<T> items);
  }

  /**
   * Writes the spans of {@code items} into {@code root} (a span archive), replacing every day they fall on; returns
   * the spans written per day.
   *
   * @param name names the staging folder, e.g. {@code generate}
   */
  public static <T> Map<LocalDate, Long> replaceDays(SparkSession spark, Dataset<T> items, Spans<T> spans, String root,
                                                     String name) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path stagingRoot = ArchiveFiles.staging(root);
    Path staging = new Path(stagingRoot, name + "-" + UUID.randomUUID());
    try {
      FileSystem fs = new Path(root).getFileSystem(conf);
      try {
        Map<LocalDate, Long> spansByDay = new TreeMap<>();
        for (String line : items.mapPartitions(new WriteTask<>(spans, staging.toString(), entries(conf)),
            Encoders.STRING()).collectAsList()) {
          String[] dayAndCount = line.split("\t");
          spansByDay.merge(LocalDate.parse(dayAndCount[0]), Long.parseLong(dayAndCount[1]), Long::sum);
        }
        Path replaced = new Path(staging, "_replaced");
        for (LocalDate day : spansByDay.keySet()) {
          StagedDirectories.swapIn(fs, ArchiveFiles.partition(staging.toString(), day),
              ArchiveFiles.partition(root, day), ArchiveFiles.partition(replaced.toString(), day));
        }
        return spansByDay;
      } finally {
        StagedDirectories.clean(fs, staging, stagingRoot);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the span archive " + root, e);
    }
  }

  /** The Hadoop configuration as plain entries, so that tasks write with the driver's settings (file systems). */
  private static HashMap<String, String> entries(Configuration conf) {
    HashMap<String, String> entries = new HashMap<>();
    for (Map.Entry<String, String> e : conf) entries.put(e.getKey(), e.getValue());
    return entries;
  }

  /** One task: its spans through an {@link ArchiveWriter}; returns "day TAB spans" per day written. */
  private static final class WriteTask<T> implements MapPartitionsFunction<T, String> {
    private static final long serialVersionUID = 1L;
    private final Spans<T> spans;
    private final String staging;
    private final HashMap<String, String> conf;

    WriteTask(Spans<T> spans, String staging, HashMap<String, String> conf) {
      this.spans = spans;
      this.staging = staging;
      this.conf = conf;
    }

    @Override
    public Iterator<String> call(Iterator<T> items) throws IOException {
      Configuration hadoop = new Configuration(false);
      conf.forEach(hadoop::set);
      String prefix = String.format("part-%05d", TaskContext.getPartitionId());
      ArchiveWriter writer = new ArchiveWriter(new Path(staging), prefix, hadoop);
      try (writer) {
        for (Iterator<ArchiveSpan> it = spans.of(items); it.hasNext(); ) writer.write(it.next());
      }
      List<String> days = new ArrayList<>();
      writer.spansByDay().forEach((day, n) -> days.add(day + "\t" + n));
      return days.iterator();
    }
  }
}
