package io.tracegraph.jobs.importer;

import java.util.List;
import java.util.Objects;

/**
 * Options of {@code tracegraph import}.
 *
 * @param format the input format
 * @param files input files (any Hadoop path; {@code .gz} files are decompressed)
 * @param out span archive root to write ({@code OUT/date=YYYY-MM-DD/})
 * @param csv the column mapping, csv only (null otherwise)
 * @param csvDelimiter the CSV field delimiter
 * @param strict stop at the first unreadable line (exit 3) instead of reporting and skipping it
 */
public record ImportOptions(ImportFormat format, List<String> files, String out, CsvMapping csv, char csvDelimiter,
                            boolean strict) {
  public static final char DEFAULT_CSV_DELIMITER = ',';
  public static final boolean DEFAULT_STRICT = false;

  public ImportOptions {
    Objects.requireNonNull(format, "format == null");
    Objects.requireNonNull(out, "out == null");
    files = List.copyOf(files);
    if (files.isEmpty()) throw new IllegalArgumentException("no input files");
    if ((format == ImportFormat.CSV) != (csv != null)) {
      throw new IllegalArgumentException(format == ImportFormat.CSV ? "--from csv needs --map" : "--map is for --from csv only");
    }
  }

  SpanFileReader reader(String file) {
    return switch (format) {
      case OTLP_JSON -> new OtlpJsonReader();
      case ZIPKIN_JSON -> new ZipkinJsonReader();
      case JAEGER_JSON -> new JaegerJsonReader();
      case CSV -> new CsvSpanReader(csv, csvDelimiter, file);
    };
  }

  /** What besides the file's bytes decides its import's output: part of the import key. */
  String fingerprint() {
    return format.key() + (csv == null ? "" : " " + csv.fingerprint() + " delimiter=" + (int) csvDelimiter);
  }
}
