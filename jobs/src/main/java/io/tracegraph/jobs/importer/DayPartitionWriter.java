package io.tracegraph.jobs.importer;

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
 * Streams spans into Parquet files under a staging folder, one folder per UTC day of the span's start
 * ({@code staging/date=YYYY-MM-DD/part-NNNNN.parquet}). At most {@link #MAX_OPEN_DAYS} files are open at once (each
 * buffers one row group): when a new day needs a file, the least recently used day's file is closed, and that day
 * gets another part file if it comes back. Memory stays bounded whatever the input size.
 */
final class DayPartitionWriter implements AutoCloseable {
  static final int MAX_OPEN_DAYS = 8;
  static final int ROW_GROUP_BYTES = 16 * 1024 * 1024;

  private final Path staging;
  private final Configuration conf;
  private final LinkedHashMap<LocalDate, ParquetWriter<ArchiveSpan>> open = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<LocalDate, List<Path>> parts = new TreeMap<>();
  private final Map<LocalDate, Long> spansByDay = new TreeMap<>();

  DayPartitionWriter(Path staging, Configuration conf) {
    this.staging = staging;
    this.conf = conf;
  }

  static LocalDate dayOf(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L)).atZone(ZoneOffset.UTC).toLocalDate();
  }

  void write(ArchiveSpan span) throws IOException {
    LocalDate day = dayOf(span.startNanos());
    ParquetWriter<ArchiveSpan> w = open.get(day);
    if (w == null) {
      if (open.size() >= MAX_OPEN_DAYS) {
        Iterator<Map.Entry<LocalDate, ParquetWriter<ArchiveSpan>>> eldest = open.entrySet().iterator();
        eldest.next().getValue().close();
        eldest.remove();
      }
      List<Path> dayParts = parts.computeIfAbsent(day, d -> new ArrayList<>());
      Path file = new Path(new Path(staging, "date=" + day), String.format("part-%05d.parquet", dayParts.size()));
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
  Map<LocalDate, List<Path>> parts() {
    return parts;
  }

  Map<LocalDate, Long> spansByDay() {
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
    if (first != null) throw new UncheckedIOException("cannot finish a Parquet file under " + staging, first);
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
