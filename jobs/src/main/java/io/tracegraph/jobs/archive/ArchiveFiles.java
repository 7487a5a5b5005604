package io.tracegraph.jobs.archive;

import io.tracegraph.jobs.BadInputException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
import org.apache.parquet.schema.LogicalTypeAnnotation;
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
  private final Map<String, Set<String>> columns;
  private final boolean mayHaveLinks;

  private ArchiveFiles(List<String> readable, Map<String, String> skipped, Map<String, Set<String>> columns,
                       boolean mayHaveLinks) {
    this.readable = List.copyOf(readable);
    this.skipped = Map.copyOf(skipped);
    this.columns = Map.copyOf(columns);
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

  /** The top-level column names of readable file {@code file}, as its footer lists them. */
  public Set<String> columns(String file) {
    return columns.get(file);
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
    Map<String, Set<String>> columns = new HashMap<>();
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
          String name = file.getPath().toString();
          ParquetMetadata footer;
          try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
            footer = reader.getFooter();
          } catch (IOException | RuntimeException e) {
            if (!skipBadFiles) {
              throw new BadInputException(name + ": " + UNREADABLE + e.getMessage()
                  + " (use --skip-bad-files to skip unreadable files)", e);
            }
            skipped.put(name, UNREADABLE + e.getMessage());
            continue;
          }
          MessageType schema = footer.getFileMetaData().getSchema();
          String problem = check(schema);
          if (problem == null) {
            readable.add(name);
            links |= mayHaveLinks(footer);
            columns.put(name, new TreeSet<>(schema.getFields().stream().map(Type::getName).toList()));
          } else {
            throw new BadInputException(name + ": " + problem);
          }
        }
      }
    } catch (IOException e) {
      throw new BadInputException("cannot list span archive " + root + ": " + e.getMessage(), e);
    }
    readable.sort(null);
    return new ArchiveFiles(readable, skipped, columns, links);
  }

  private static final String MISSING = "missing required column";
  private static final String UNREADABLE = "unreadable Parquet file: ";

  /** Null when the footer has every required column with the right type, else the problem. */
  private static String check(MessageType schema) {
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
      } else if (isLong && !isPlainInteger(type.getLogicalTypeAnnotation())) {
        wrongType.add(column + " is " + type + ", expected int64 Unix nanoseconds (a plain int64; read as is, this "
            + "annotation would scale or shift the times)");
      }
    }
    if (!missing.isEmpty()) {
      return MISSING + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
          + " (span archive v1 needs " + String.join(", ", SpanArchiveSchema.REQUIRED) + ")";
    }
    if (!wrongType.isEmpty()) return MISSING_TYPE_PREFIX + String.join("; ", wrongType);
    return null;
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

  /**
   * A time column's annotation read as plain nanoseconds: none, a signed 64-bit integer, or a decimal of scale 0
   * (Spark reads the unscaled value, which then is the number). A scaled decimal or a timestamp unit is not.
   */
  private static boolean isPlainInteger(LogicalTypeAnnotation annotation) {
    return annotation == null
        || annotation instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned()
        || annotation instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d && d.getScale() == 0;
  }

  private static final String MISSING_TYPE_PREFIX = MISSING + " with the right type: ";
}
