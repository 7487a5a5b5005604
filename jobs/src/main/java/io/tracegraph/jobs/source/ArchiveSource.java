package io.tracegraph.jobs.source;

import static org.apache.spark.sql.functions.col;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.archive.ArchiveFiles;
import io.tracegraph.jobs.archive.SpanArchiveSchema;
import io.tracegraph.model.DayWindow;
import io.tracegraph.reports.MissingColumn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Span archive v1 ({@code ROOT/date=YYYY-MM-DD/*.parquet}): {@link ArchiveFiles} lists and checks the files of the
 * days to read, {@link #read} maps their columns onto the span contract.
 */
public final class ArchiveSource implements SpanSource {
  /**
   * The optional columns read, with what is lost without them: a file may lack them (nulls are read), and the run
   * reports it.
   */
  static final Map<String, String> OPTIONAL = Map.of(
      SpanArchiveSchema.ATTRIBUTES, OptionalColumns.WITHOUT_ATTRIBUTES,
      SpanArchiveSchema.NAME, OptionalColumns.WITHOUT_NAME);

  /** Columns read from the files (the rest are pruned); {@code attributes} only for the peer and extras. */
  static final List<String> COLUMNS = List.of(
      SpanArchiveSchema.TRACE_ID, SpanArchiveSchema.SPAN_ID, SpanArchiveSchema.PARENT_SPAN_ID,
      SpanArchiveSchema.SERVICE_NAME, SpanArchiveSchema.KIND, SpanArchiveSchema.START_TIME,
      SpanArchiveSchema.END_TIME, SpanArchiveSchema.STATUS_CODE, SpanArchiveSchema.ATTRIBUTES,
      SpanArchiveSchema.NAME);

  @Override
  public SpanFormat format() {
    return SpanFormat.ARCHIVE;
  }

  @Override
  public SourceScan plan(SparkSession spark, SourceRequest request) {
    var conf = spark.sparkContext().hadoopConfiguration();
    ArchiveFiles files = ArchiveFiles.of(request.root(), request.daysToRead(), request.skipBadFiles(), conf);
    List<String> read = request.trace() == null ? files.readable()
        : request.trace().prune(files.readable(), SpanArchiveSchema.TRACE_ID, false, conf);
    Path day = ArchiveFiles.partition(request.root(), request.window().day());
    try {
      if (!day.getFileSystem(conf).exists(day)) {
        throw new BadInputException("no partition for " + request.window().day() + ": " + day + " does not exist");
      }
    } catch (IOException e) {
      throw new BadInputException("cannot read " + request.root() + ": " + e.getMessage(), e);
    }
    OptionalColumns optional = new OptionalColumns(OPTIONAL);
    files.readable().forEach(file -> optional.check(file, files.columns(file)::contains));
    return new SourceScan() {
      @Override
      public List<String> inputFiles() {
        return read;
      }

      @Override
      public Map<String, String> skippedFiles() {
        return files.skipped();
      }

      @Override
      public List<MissingColumn> missingColumns() {
        return optional.missing();
      }

      @Override
      public Dataset<Row> read(SparkSession session) {
        Dataset<Row> rows = ArchiveSource.read(session, read, request.window(), files.mayHaveLinks());
        return request.trace() == null ? rows : rows.where(request.trace().onHex(col(SpanColumns.TRACE_ID)));
      }

      @Override
      public boolean mayHaveLinks() {
        return files.mayHaveLinks();
      }

      @Override
      public Map<String, Long> counters() {
        return Map.of();
      }
    };
  }

  /** {@link #read(SparkSession, List, DayWindow, boolean)} without the span links. */
  public static Dataset<Row> read(SparkSession spark, List<String> files, DayWindow window) {
    return read(spark, files, window, false);
  }

  /**
   * The span contract over archive files: only the needed columns are read, only the rows starting in the window's
   * read range kept (pushed down to Parquet row-group statistics), and the peer and extra attributes computed from
   * the attribute map in the scan, so the map never becomes a Java object for most rows. With {@code links}, the
   * {@code links} column follows the contract ({@link SpanColumns#LINKS}); without, it is not read at all.
   */
  public static Dataset<Row> read(SparkSession spark, List<String> files, DayWindow window, boolean links) {
    List<String> columns = new ArrayList<>(COLUMNS);
    if (links) columns.add(SpanArchiveSchema.LINKS);
    Dataset<Row> raw = spark.read()
        .schema(SpanArchiveSchema.select(columns))
        .parquet(files.toArray(String[]::new));
    Column attributes = col(SpanArchiveSchema.ATTRIBUTES);
    return SpanColumns.select(raw, Map.of(
        SpanColumns.PEER, SpanColumns.peer(attributes),
        SpanColumns.EXTRA_ATTRIBUTES, SpanColumns.extraAttributes(attributes)), window, links);
  }
}
