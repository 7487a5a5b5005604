package io.tracegraph.jobs.source;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.model.TraceId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.Column;

/**
 * Reading one trace instead of a day ({@code tracegraph trace}): the spellings a trace id can have in a Parquet
 * column, the filter on them (Spark pushes it down to Parquet, which skips every row group whose {@code trace_id}
 * statistics exclude it), and, before Spark starts, the files whose footers say no row group can hold the trace,
 * which are not read at all. How much was skipped is counted and said.
 *
 * <p>Hex ids are matched in lower and upper case, 32 digits, and for a 64-bit id also in 16 digits (Zipkin's); byte
 * ids (Tempo) as 16 bytes, and 8 for a 64-bit id. A row whose id mixes letter cases, which the nightly job reads as
 * a repair, is not found: statistics cannot locate it without reading every row.
 */
public final class TraceIdFilter {
  private final TraceId id;
  private int filesListed;
  private int filesRead;
  private long rowGroups;
  private long rowGroupsMatching;

  public TraceIdFilter(TraceId id) {
    this.id = id;
  }

  public TraceId id() {
    return id;
  }

  /** The hex spellings looked for. */
  public List<String> hexSpellings() {
    List<String> s = new ArrayList<>();
    String hex = id.hex();
    s.add(hex);
    s.add(hex.toUpperCase(Locale.ROOT));
    if (id.high() == 0) {
      s.add(hex.substring(16));
      s.add(hex.substring(16).toUpperCase(Locale.ROOT));
    }
    return s;
  }

  /** The byte spellings looked for (big endian). */
  public List<byte[]> byteSpellings() {
    List<byte[]> s = new ArrayList<>();
    s.add(ByteBuffer.allocate(16).putLong(id.high()).putLong(id.low()).array());
    if (id.high() == 0) s.add(ByteBuffer.allocate(8).putLong(id.low()).array());
    return s;
  }

  /** The rows whose {@code column} (a string) spells the id. */
  public Column onHex(Column column) {
    return column.isin(hexSpellings().toArray());
  }

  /** The rows whose {@code column} (bytes) is the id. */
  public Column onBytes(Column column) {
    return column.isin(byteSpellings().toArray());
  }

  /**
   * The files of {@code files} that may hold the trace: those with a row group whose statistics of top-level column
   * {@code column} (any letter case) include a spelling of the id, or have no statistics. Counted for {@link #summary}.
   */
  public List<String> prune(List<String> files, String column, boolean bytes, Configuration conf) {
    List<Binary> candidates = new ArrayList<>();
    if (bytes) {
      for (byte[] b : byteSpellings()) candidates.add(Binary.fromConstantByteArray(b));
    } else {
      for (String s : hexSpellings()) candidates.add(Binary.fromString(s));
    }
    List<String> kept = new ArrayList<>();
    for (String file : files) {
      filesListed++;
      int matching = 0;
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
        for (BlockMetaData block : reader.getFooter().getBlocks()) {
          rowGroups++;
          if (mayHold(block, column, candidates)) matching++;
        }
      } catch (IOException | RuntimeException e) {
        throw new BadInputException(file + ": unreadable Parquet file: " + e.getMessage(), e);
      }
      rowGroupsMatching += matching;
      if (matching > 0) {
        kept.add(file);
        filesRead++;
      }
    }
    return kept;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean mayHold(BlockMetaData block, String column, List<Binary> candidates) {
    ColumnChunkMetaData chunk = null;
    for (ColumnChunkMetaData c : block.getColumns()) {
      if (c.getPath().size() == 1 && c.getPath().toDotString().equalsIgnoreCase(column)) chunk = c;
    }
    if (chunk == null) return true; // no such column here: nothing to go by
    Statistics stats = chunk.getStatistics();
    if (stats == null || stats.isEmpty()) return true; // no statistics written
    if (!stats.hasNonNullValue()) return false; // every value null
    Object min = stats.genericGetMin();
    Object max = stats.genericGetMax();
    if (!(min instanceof Binary) || !(max instanceof Binary)) return true;
    for (Binary candidate : candidates) {
      if (stats.comparator().compare(min, candidate) <= 0 && stats.comparator().compare(candidate, max) <= 0) return true;
    }
    return false;
  }

  /** Files listed and read, row groups in them and those that may hold the trace (when files were pruned). */
  public String summary() {
    return "files read " + filesRead + " of " + filesListed + ", row groups that may hold the trace "
        + rowGroupsMatching + " of " + rowGroups + " (by " + "their trace id statistics)";
  }

  public int filesListed() {
    return filesListed;
  }

  public int filesRead() {
    return filesRead;
  }

  public long rowGroups() {
    return rowGroups;
  }

  public long rowGroupsMatching() {
    return rowGroupsMatching;
  }
}
