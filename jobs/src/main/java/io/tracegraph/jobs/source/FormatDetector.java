package io.tracegraph.jobs.source;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.archive.SpanArchiveSchema;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.schema.MessageType;

/**
 * Tells the format of an input root when {@code --format} is not given, from what is cheap to look at: Tempo block
 * folders ({@code meta.json} one or two levels down), else the column names of one Parquet file (the day's partition
 * first): {@code trace_id} is span archive v1, {@code TraceId} with {@code SpanKind} a ClickHouse export. A root with
 * no Parquet file at all is taken as an archive, whose own checks then say what is missing.
 */
public final class FormatDetector {
  private FormatDetector() {}

  /** The format and the evidence it was told from (logged). */
  public record Detection(SpanFormat format, String evidence) {}

  public static Detection detect(String root, LocalDate day, Configuration conf) {
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(conf);
      if (!fs.exists(rootPath)) return new Detection(SpanFormat.ARCHIVE, root + " does not exist");
      Path meta = tempoMeta(fs, rootPath);
      if (meta != null) return new Detection(SpanFormat.TEMPO, meta.toString());
      FileStatus parquet = firstParquet(fs, new Path(rootPath, SpanArchiveSchema.DATE_PARTITION + "=" + day));
      if (parquet == null) parquet = firstParquet(fs, rootPath);
      if (parquet == null) return new Detection(SpanFormat.ARCHIVE, "no Parquet file under " + root);
      MessageType schema;
      try {
        schema = ParquetFooters.schema(parquet, conf);
      } catch (IOException e) {
        throw new BadInputException(parquet.getPath() + ": unreadable Parquet file, cannot tell the format of " + root
            + " (give --format): " + e.getMessage(), e);
      }
      if (schema.containsField(SpanArchiveSchema.TRACE_ID)) {
        return new Detection(SpanFormat.ARCHIVE, parquet.getPath() + " has column " + SpanArchiveSchema.TRACE_ID);
      }
      if (ParquetFooters.field(schema, "TraceId") != null && ParquetFooters.field(schema, "SpanKind") != null) {
        return new Detection(SpanFormat.CLICKHOUSE, parquet.getPath() + " has columns TraceId, SpanKind");
      }
      throw new BadInputException("cannot tell the format of " + root + ": " + parquet.getPath()
          + " has neither trace_id (span archive v1) nor TraceId and SpanKind (ClickHouse otel_traces); columns: "
          + schema.getFields().stream().map(f -> f.getName()).toList() + " (give --format)");
    } catch (IOException e) {
      throw new BadInputException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  /** A Tempo meta file in {@code root/<block>/} or {@code root/<tenant>/<block>/}, or null. */
  private static Path tempoMeta(FileSystem fs, Path root) throws IOException {
    for (FileStatus a : fs.listStatus(root)) {
      if (!a.isDirectory() || a.getPath().getName().startsWith(".")) continue;
      Path m = metaIn(fs, a.getPath());
      if (m != null) return m;
      for (FileStatus b : fs.listStatus(a.getPath())) {
        if (b.isDirectory() && (m = metaIn(fs, b.getPath())) != null) return m;
      }
    }
    return null;
  }

  private static Path metaIn(FileSystem fs, Path dir) throws IOException {
    for (String name : List.of(TempoBlock.META, TempoBlock.COMPACTED_META)) {
      Path p = new Path(dir, name);
      if (fs.exists(p)) return p;
    }
    return null;
  }

  private static FileStatus firstParquet(FileSystem fs, Path dir) throws IOException {
    if (!fs.exists(dir)) return null;
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    FileStatus first = null;
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      String rel = f.getPath().toUri().getPath().substring(dir.toUri().getPath().length());
      if (!f.getPath().getName().endsWith(".parquet") || rel.contains("/_") || rel.contains("/.")) continue;
      if (first == null || f.getPath().compareTo(first.getPath()) < 0) first = f;
    }
    return first;
  }
}
