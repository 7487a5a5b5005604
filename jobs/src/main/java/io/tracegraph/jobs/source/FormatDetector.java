package io.tracegraph.jobs.source;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.archive.SpanArchiveSchema;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 *
 * <p>An unreadable Parquet file (truncated, empty, not Parquet) stops detection naming it, or, with
 * {@code --skip-bad-files}, is passed over for the next file in path order and returned as skipped, so the run lists it
 * in run.json like the files the source skips. When no file is readable, the format cannot be told and the run stops.
 */
public final class FormatDetector {
  private FormatDetector() {}

  /**
   * The format and the evidence it was told from (logged).
   *
   * @param skipped files passed over as unreadable, with the reason (only with {@code skipBadFiles})
   */
  public record Detection(SpanFormat format, String evidence, Map<String, String> skipped) {
    public Detection {
      skipped = Collections.unmodifiableSortedMap(new TreeMap<>(skipped));
    }

    Detection(SpanFormat format, String evidence) {
      this(format, evidence, Map.of());
    }
  }

  /** The format of {@code root}; unreadable Parquet files stop it, unless {@code skipBadFiles}, which passes them. */
  public static Detection detect(String root, LocalDate day, boolean skipBadFiles, Configuration conf) {
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(conf);
      if (!fs.exists(rootPath)) return new Detection(SpanFormat.ARCHIVE, root + " does not exist");
      Path meta = tempoMeta(fs, rootPath);
      if (meta != null) return new Detection(SpanFormat.TEMPO, meta.toString());
      List<FileStatus> candidates = parquetFiles(fs, new Path(rootPath, SpanArchiveSchema.DATE_PARTITION + "=" + day));
      if (candidates.isEmpty()) candidates = parquetFiles(fs, rootPath);
      if (candidates.isEmpty()) return new Detection(SpanFormat.ARCHIVE, "no Parquet file under " + root);
      Map<String, String> skipped = new TreeMap<>();
      for (FileStatus parquet : candidates) {
        MessageType schema;
        try {
          schema = ParquetFooters.schema(parquet, conf);
        } catch (IOException e) {
          if (!skipBadFiles) {
            throw new BadInputException(parquet.getPath() + ": unreadable Parquet file, cannot tell the format of "
                + root + " (give --format, or --skip-bad-files to pass over unreadable files): " + e.getMessage(), e);
          }
          skipped.put(parquet.getPath().toString(), UNREADABLE + e.getMessage());
          continue;
        }
        return told(root, parquet, schema, skipped);
      }
      throw new BadInputException("cannot tell the format of " + root + ": none of its " + candidates.size()
          + " Parquet file(s) is readable (give --format); unreadable: " + skipped);
    } catch (IOException e) {
      throw new BadInputException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  /** The reason given for a file passed over, as the sources word it. */
  static final String UNREADABLE = "unreadable Parquet file: ";

  /** The format {@code parquet}'s columns tell, with the files passed over before it. */
  private static Detection told(String root, FileStatus parquet, MessageType schema, Map<String, String> skipped) {
    if (schema.containsField(SpanArchiveSchema.TRACE_ID)) {
      return new Detection(SpanFormat.ARCHIVE, parquet.getPath() + " has column " + SpanArchiveSchema.TRACE_ID,
          skipped);
    }
    if (ParquetFooters.field(schema, "TraceId") != null && ParquetFooters.field(schema, "SpanKind") != null) {
      return new Detection(SpanFormat.CLICKHOUSE, parquet.getPath() + " has columns TraceId, SpanKind", skipped);
    }
    throw new BadInputException("cannot tell the format of " + root + ": " + parquet.getPath()
        + " has neither trace_id (span archive v1) nor TraceId and SpanKind (ClickHouse otel_traces); columns: "
        + schema.getFields().stream().map(f -> f.getName()).toList() + " (give --format)");
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

  /** The visible {@code *.parquet} files under {@code dir}, in path order. */
  private static List<FileStatus> parquetFiles(FileSystem fs, Path dir) throws IOException {
    List<FileStatus> files = new ArrayList<>();
    if (!fs.exists(dir)) return files;
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      String rel = f.getPath().toUri().getPath().substring(dir.toUri().getPath().length());
      if (f.getPath().getName().endsWith(".parquet") && !rel.contains("/_") && !rel.contains("/.")) files.add(f);
    }
    files.sort(Comparator.comparing(FileStatus::getPath));
    return files;
  }
}
