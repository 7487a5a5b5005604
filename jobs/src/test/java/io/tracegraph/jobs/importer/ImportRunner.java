package io.tracegraph.jobs.importer;

import io.tracegraph.jobs.StageLog;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Test helpers: run an import quietly. */
final class ImportRunner {
  private ImportRunner() {}

  static List<ImportJob.FileResult> run(ImportFormat format, Path out, List<Path> files) {
    return run(format, out, files, null, false);
  }

  static List<ImportJob.FileResult> run(ImportFormat format, Path out, List<Path> files, CsvMapping csv, boolean strict) {
    ImportOptions options = new ImportOptions(format, files.stream().map(Path::toString).toList(), out.toString(), csv,
        ImportOptions.DEFAULT_CSV_DELIMITER, strict);
    return new ImportJob(options, StageLog.quiet("test"),
        new Configuration()).run();
  }
}
