package io.tracegraph.jobs.source;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.io.ArchiveFiles;
import io.tracegraph.jobs.io.ArchiveReader;
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
        return files.readable();
      }

      @Override
      public Map<String, String> skippedFiles() {
        return files.skipped();
      }

      @Override
      public Dataset<Row> read(SparkSession session) {
        return ArchiveReader.read(session, files.readable(), request.window(), files.mayHaveLinks());
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
}
