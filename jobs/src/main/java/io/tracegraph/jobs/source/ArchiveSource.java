package io.tracegraph.jobs.source;

import static org.apache.spark.sql.functions.col;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.io.ArchiveFiles;
import io.tracegraph.jobs.io.ArchiveReader;
import io.tracegraph.jobs.io.SpanArchiveSchema;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Span archive v1 ({@code ROOT/date=YYYY-MM-DD/*.parquet}): {@link ArchiveFiles} lists and checks, {@link ArchiveReader} reads. */
public final class ArchiveSource implements SpanSource {
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
      public Dataset<Row> read(SparkSession session) {
        Dataset<Row> rows = ArchiveReader.read(session, read, request.window());
        return request.trace() == null ? rows : rows.where(request.trace().onHex(col(SpanArchiveSchema.TRACE_ID)));
      }

      @Override
      public Map<String, Long> counters() {
        return Map.of();
      }
    };
  }
}
