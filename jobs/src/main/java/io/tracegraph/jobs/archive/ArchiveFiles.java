package io.tracegraph.jobs.archive;

import io.tracegraph.jobs.BadInputException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Finds the Parquet files of some days of a span archive and checks each one's footer before any work: a file
 * that lacks a required column stops the run naming the file and the columns; an unreadable file stops it
 * naming the file, or is skipped and reported when {@code skipBadFiles} is set.
 */
public final class ArchiveFiles {
  private final List<String> readable;
  private final Map<String, String> skipped;
  private final boolean mayHaveLinks;

  private ArchiveFiles(List<String> readable, Map<String, String> skipped, boolean mayHaveLinks) {
    this.readable = List.copyOf(readable);
    this.skipped = Map.copyOf(skipped);
    this.mayHaveLinks = mayHaveLinks;
  }

  /**
   * False when no readable file has a span link: none has a {@code links} column, or its footer statistics say every
   * value is null. The nightly then skips its first pass over the links ({@code LinkTargetsScan}) and reads no
   * {@code links} column at all.
   */
  public boolean mayHaveLinks() {
    return mayHaveLinks;
  }

  /** Files readable as span archive v1, sorted by path. */
  public List<String> readable() {
    return readable;
  }

  /** Files skipped as unreadable, with the reason (only when skipping was asked for). */
  public Map<String, String> skipped() {
    return new TreeMap<>(skipped);
  }

  /** Where writers stage files before moving them into place, {@code ROOT/.staging} (readers skip it). */
  public static final String STAGING = ".staging";

  /** The partition directory of {@code day} under {@code root}: {@code ROOT/date=YYYY-MM-DD}. */
  public static Path partition(String root, LocalDate day) {
    return new Path(root, SpanArchiveSchema.DATE_PARTITION + "=" + day);
  }

  /** {@code ROOT/.staging}: files being written, moved into their day partitions when complete. */
  public static Path staging(String root) {
    return new Path(root, STAGING);
  }

  /**
   * Lists and checks the files of the given days. Days without a partition directory are skipped; the root
   * itself must exist.
   */
  public static ArchiveFiles of(String root, List<LocalDate> days, boolean skipBadFiles, Configuration conf) {
    List<String> readable = new ArrayList<>();
    Map<String, String> skipped = new LinkedHashMap<>();
    boolean links = false;
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(conf);
      if (!fs.exists(rootPath)) throw new BadInputException("span archive root does not exist: " + root);
      for (LocalDate day : days) {
        Path dir = partition(root, day);
        if (!fs.exists(dir)) continue;
        FileStatus[] files = fs.listStatus(dir, p -> !p.getName().startsWith("_") && !p.getName().startsWith("."));
        Arrays.sort(files);
        for (FileStatus file : files) {
          if (file.isDirectory()) continue;
          Checked checked = check(file, conf);
          String problem = checked.problem();
          String name = file.getPath().toString();
          if (problem == null) {
            readable.add(name);
            links |= checked.mayHaveLinks();
          } else if (problem.startsWith(MISSING) || !skipBadFiles) {
            throw new BadInputException(name + ": " + problem
                + (problem.startsWith(MISSING) ? "" : " (use --skip-bad-files to skip unreadable files)"));
          } else {
            skipped.put(name, problem);
          }
        }
      }
    } catch (IOException e) {
      throw new BadInputException("cannot list span archive " + root + ": " + e.getMessage(), e);
    }
    readable.sort(null);
    return new ArchiveFiles(readable, skipped, links);
  }

  /** A file's footer check: the problem (null when readable) and whether it may hold span links. */
  private record Checked(String problem, boolean mayHaveLinks) {
    static Checked problem(String problem) {
      return new Checked(problem, false);
    }
  }

  private static final String MISSING = "missing required column";

  /** The problem is null when the footer is readable and has every required column with the right type. */
  private static Checked check(FileStatus file, Configuration conf) {
    MessageType schema;
    boolean links;
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
      schema = reader.getFooter().getFileMetaData().getSchema();
      links = mayHaveLinks(reader.getFooter());
    } catch (IOException | RuntimeException e) {
      return Checked.problem("unreadable Parquet file: " + e.getMessage());
    }
    List<String> missing = new ArrayList<>();
    List<String> wrongType = new ArrayList<>();
    for (String column : SpanArchiveSchema.REQUIRED) {
      if (!schema.containsField(column)) {
        missing.add(column);
        continue;
      }
      Type type = schema.getType(column);
      boolean isLong = column.equals(SpanArchiveSchema.START_TIME) || column.equals(SpanArchiveSchema.END_TIME);
      PrimitiveType.PrimitiveTypeName expected = isLong
          ? PrimitiveType.PrimitiveTypeName.INT64 : PrimitiveType.PrimitiveTypeName.BINARY;
      if (!type.isPrimitive() || type.asPrimitiveType().getPrimitiveTypeName() != expected) {
        wrongType.add(column + " is " + type + ", expected " + (isLong ? "int64" : "string"));
      }
    }
    if (!missing.isEmpty()) {
      return Checked.problem(MISSING + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
          + " (span archive v1 needs " + String.join(", ", SpanArchiveSchema.REQUIRED) + ")");
    }
    if (!wrongType.isEmpty()) return Checked.problem(MISSING_TYPE_PREFIX + String.join("; ", wrongType));
    return new Checked(null, links);
  }

  /**
   * False when the footer proves the file has no span link: no {@code links} column, or statistics that count every
   * value of its leaves as null in every row group. Missing statistics prove nothing.
   */
  static boolean mayHaveLinks(ParquetMetadata footer) {
    for (BlockMetaData block : footer.getBlocks()) {
      for (ColumnChunkMetaData column : block.getColumns()) {
        if (!column.getPath().toDotString().startsWith(SpanArchiveSchema.LINKS + ".")) continue;
        Statistics<?> stats = column.getStatistics();
        if (stats == null || !stats.isNumNullsSet() || stats.getNumNulls() != column.getValueCount()) return true;
      }
    }
    return false;
  }

  private static final String MISSING_TYPE_PREFIX = MISSING + " with the right type: ";
}
