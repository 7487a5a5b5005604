package io.tracegraph.jobs.source;

import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/** Reads Parquet footers to check files before any Spark work, and finds top-level columns ignoring case. */
final class ParquetFooters {
  private ParquetFooters() {}

  /** The footer schema, or an exception whose message says why the file is unreadable. */
  static MessageType schema(FileStatus file, Configuration conf) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, conf))) {
      return reader.getFooter().getFileMetaData().getSchema();
    } catch (RuntimeException e) { // a corrupt footer can surface as a runtime exception
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The top-level field named {@code name} in any letter case, or null. */
  static Type field(GroupType schema, String name) {
    for (Type t : schema.getFields()) {
      if (t.getName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) return t;
    }
    return null;
  }
}
