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
import org.apache.parquet.hadoop.ParquetFileReader;
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

  private ArchiveFiles(List<String> readable, Map<String, String> skipped) {
    this.readable = List.copyOf(readable);
    this.skipped = Map.copyOf(skipped);
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
          String problem = check(file, conf);
          String name = file.getPath().toString();
          if (problem == null) {
            readable.add(name);
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
    return new ArchiveFiles(readable, skipped);
  }

  private static final String MISSING = "missing required column";

  /** Null when the footer is readable and has every required column with the right type, else the problem. */
  private static String check(FileStatus file, Configuration conf) {
    MessageType schema;
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
      schema = reader.getFooter().getFileMetaData().getSchema();
    } catch (IOException | RuntimeException e) {
      return "unreadable Parquet file: " + e.getMessage();
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
      return MISSING + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
          + " (span archive v1 needs " + String.join(", ", SpanArchiveSchema.REQUIRED) + ")";
    }
    if (!wrongType.isEmpty()) return MISSING_TYPE_PREFIX + String.join("; ", wrongType);
    return null;
  }

  private static final String MISSING_TYPE_PREFIX = MISSING + " with the right type: ";
}
