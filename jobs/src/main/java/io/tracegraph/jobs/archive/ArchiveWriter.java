package io.tracegraph.jobs.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * The one writer of span archive v1 files: streams {@link ArchiveSpan}s into Parquet files under a directory, one
 * folder per UTC day of the span's start ({@code dir/date=YYYY-MM-DD/<prefix>-NNNNN.parquet}), without Spark, one
 * record at a time. The importer writes each input file through one; the generator and the huge-trace benchmark
 * write from each Spark task through one. At most {@link #MAX_OPEN_DAYS} files are open at once (each buffers one
 * row group): when a new day needs a file, the least recently used day's file is closed, and that day gets another
 * part file if it comes back. Memory stays bounded whatever the input size. Where the folders go once written
 * (added beside other files, or replacing a day) is the caller's choice.
 */
public final class ArchiveWriter implements AutoCloseable {
  public static final int MAX_OPEN_DAYS = 8;
  static final int ROW_GROUP_BYTES = 16 * 1024 * 1024;

  private final Path dir;
  private final String prefix;
  private final Configuration conf;
  private final LinkedHashMap<LocalDate, ParquetWriter<ArchiveSpan>> open = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<LocalDate, List<Path>> parts = new TreeMap<>();
  private final Map<LocalDate, Long> spansByDay = new TreeMap<>();

  /**
   * @param dir the folder receiving the day folders (a staging folder: files appear there as they are written)
   * @param prefix the start of every file's name, e.g. {@code part} for {@code part-00000.parquet}
   */
  public ArchiveWriter(Path dir, String prefix, Configuration conf) {
    this.dir = dir;
    this.prefix = prefix;
    this.conf = conf;
  }

  /** The UTC day of a time in Unix nanoseconds: the day folder of a span starting then. */
  public static LocalDate dayOf(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)).atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** Writes one span into the file of its day. */
  public void write(ArchiveSpan span) throws IOException {
    LocalDate day = dayOf(span.startNanos());
    ParquetWriter<ArchiveSpan> w = open.get(day);
    if (w == null) {
      if (open.size() >= MAX_OPEN_DAYS) {
        Iterator<Map.Entry<LocalDate, ParquetWriter<ArchiveSpan>>> eldest = open.entrySet().iterator();
        eldest.next().getValue().close();
        eldest.remove();
      }
      List<Path> dayParts = parts.computeIfAbsent(day, d -> new ArrayList<>());
      Path file = new Path(ArchiveFiles.partition(dir.toString(), day),
          String.format("%s-%05d.parquet", prefix, dayParts.size()));
      dayParts.add(file);
      w = new Builder(HadoopOutputFile.fromPath(file, conf))
          .withConf(conf)
          .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
          .withCompressionCodec(CompressionCodecName.ZSTD)
          .withRowGroupSize(ROW_GROUP_BYTES)
          .build();
      open.put(day, w);
    }
    w.write(span);
    spansByDay.merge(day, 1L, Long::sum);
  }

  /** The part files written per day (complete once closed). */
  public Map<LocalDate, List<Path>> parts() {
    return parts;
  }

  /** The spans written per day. */
  public Map<LocalDate, Long> spansByDay() {
    return spansByDay;
  }

  @Override
  public void close() {
    IOException first = null;
    for (ParquetWriter<ArchiveSpan> w : open.values()) {
      try {
        w.close();
      } catch (IOException e) {
        if (first == null) first = e;
      }
    }
    open.clear();
    if (first != null) throw new UncheckedIOException("cannot finish a Parquet file under " + dir, first);
  }

  private static final class Builder extends ParquetWriter.Builder<ArchiveSpan, Builder> {
    Builder(OutputFile file) {
      super(file);
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<ArchiveSpan> getWriteSupport(Configuration conf) {
      return new ArchiveSpanWriteSupport();
    }
  }
}
