package io.tracegraph.jobs.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.BadInputException;
import io.tracegraph.jobs.BuildInfo;
import io.tracegraph.jobs.StageLog;
import io.tracegraph.jobs.archive.ArchiveFiles;
import io.tracegraph.jobs.archive.ArchiveWriter;
import io.tracegraph.reports.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Imports span files into span archive v1, streaming: each input file is read once, its spans written to Parquet
 * files per UTC day of their start under {@code OUT/.staging/}, then moved into {@code OUT/date=YYYY-MM-DD/}.
 *
 * <p><b>Adds, idempotently.</b> Each input file's output is named by its import key: the first 16 hex digits of
 * SHA-256 over the format, its options (the CSV mapping) and the file's bytes. A day gets the files
 * {@code imp-<key>-NNNNN.parquet}; other files of the day (other imports, other writers) are left alone. Importing the
 * same file again finds its record {@code OUT/_imports/<key>.json} with every file in place and changes nothing;
 * a changed file has a new key and is added (delete the old key's files, listed in its record, to replace it).
 *
 * <p><b>Atomic per day.</b> A day that does not exist yet appears in one rename of a complete staged folder; a day
 * that exists gets the file's parts renamed in, each whole (readers skip {@code .} and {@code _} names). The record
 * is written last, so an interrupted import is redone by the next run (leftover parts of its key are replaced).
 *
 * <p><b>Nothing lost silently.</b> A line, row or span that cannot be read is reported with file and line number and
 * skipped (with {@code --strict} the first one stops the import, exit 3, and nothing of that file is written); spans
 * that are not spans by the format's rules (Zipkin fragments without timestamp) are counted and reported too.
 */
public final class ImportJob {
  public static final String RECORDS = "_imports";
  static final int SAMPLES = 20;

  private final ImportOptions options;
  private final StageLog log;
  private final Configuration conf;

  public ImportJob(ImportOptions options, StageLog log, Configuration conf) {
    this.options = options;
    this.log = log;
    this.conf = conf;
  }

  /** What importing one file did. */
  public record FileResult(String file, String key, boolean alreadyImported, long spans,
                           Map<LocalDate, Long> spansByDay, long unreadable, long notSpans, long parentNotHex,
                           List<String> problems, List<String> written) {}

  /** Imports every file; stops at the first file that cannot be read at all (missing, or --strict). */
  public List<FileResult> run() {
    List<FileResult> results = new ArrayList<>();
    Path out = new Path(options.out());
    try {
      FileSystem outFs = out.getFileSystem(conf);
      for (String file : options.files()) {
        Path p = new Path(file);
        if (!p.getFileSystem(conf).exists(p)) throw new BadInputException("input file does not exist: " + file);
      }
      for (String file : options.files()) {
        FileResult r = importFile(file, outFs, out);
        results.add(r);
        log.done(file, (r.alreadyImported() ? "already imported, unchanged " : "") + "key=" + r.key()
            + " spans=" + r.spans() + " days=" + r.spansByDay().size() + " unreadable=" + r.unreadable()
            + " not_spans=" + r.notSpans());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("import into " + options.out() + " failed", e);
    }
    return results;
  }

  private FileResult importFile(String file, FileSystem outFs, Path out) throws IOException {
    Path input = new Path(file);
    Path staging = new Path(ArchiveFiles.staging(out.toString()), "import-" + UUID.randomUUID());
    FileSink sink = new FileSink(file);
    MessageDigest digest = sha256();
    digest.update(("tracegraph-import-v1\n" + options.fingerprint() + "\n").getBytes(StandardCharsets.UTF_8));
    try (ArchiveWriter writer = new ArchiveWriter(staging, "part", conf)) {
      sink.writer = writer;
      try (InputStream raw = new DigestInputStream(input.getFileSystem(conf).open(input), digest);
           InputStream in = file.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
        // Readers may close what they are given (Jackson does); the rest is still read for the key.
        options.reader(file).read(new java.io.FilterInputStream(in) {
          @Override
          public void close() {}
        }, sink);
        in.transferTo(OutputStream.nullOutputStream()); // the key covers every byte, even after a syntax error
      } catch (BadInputException e) {
        outFs.delete(staging, true);
        throw e;
      } catch (IOException e) {
        outFs.delete(staging, true);
        throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
      }
    } catch (RuntimeException e) {
      outFs.delete(staging, true);
      throw e;
    }
    String key = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    Path record = new Path(new Path(out, RECORDS), key + ".json");
    List<String> written = new ArrayList<>();
    boolean already = complete(outFs, out, record);
    if (!already) {
      for (Map.Entry<LocalDate, List<Path>> day : sink.writer.parts().entrySet()) {
        written.addAll(commitDay(outFs, out, key, day.getKey(), day.getValue()));
      }
    } else {
      written.addAll(recordedFiles(outFs, record));
    }
    outFs.delete(staging, true);
    deleteIfEmpty(outFs, ArchiveFiles.staging(out.toString()));
    FileResult result = new FileResult(file, key, already, sink.spans, sink.writer.spansByDay(), sink.unreadable,
        sink.notSpans, sink.parentNotHex, sink.samples, written);
    if (!already) writeRecord(outFs, record, result);
    return result;
  }

  /** Moves one day's staged parts into {@code OUT/date=D/} as {@code imp-<key>-NNNNN.parquet}. */
  private static List<String> commitDay(FileSystem fs, Path out, String key, LocalDate day, List<Path> parts)
      throws IOException {
    Path target = ArchiveFiles.partition(out.toString(), day);
    Path stagedDir = parts.get(0).getParent();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      String name = String.format("imp-%s-%05d.parquet", key, i);
      rename(fs, parts.get(i), new Path(stagedDir, name));
      names.add(target.getName() + "/" + name);
    }
    if (!fs.exists(target)) {
      fs.mkdirs(out);
      rename(fs, stagedDir, target); // the whole day appears at once
    } else {
      for (FileStatus old : fs.listStatus(target, p -> p.getName().startsWith("imp-" + key + "-"))) {
        fs.delete(old.getPath(), false); // parts of an interrupted import of the same file
      }
      for (int i = 0; i < parts.size(); i++) {
        String name = String.format("imp-%s-%05d.parquet", key, i);
        rename(fs, new Path(stagedDir, name), new Path(target, name));
      }
    }
    return names;
  }

  /** True when the file was imported before: its record exists and lists files that all exist. */
  private static boolean complete(FileSystem fs, Path out, Path record) throws IOException {
    if (!fs.exists(record)) return false;
    for (String f : recordedFiles(fs, record)) if (!fs.exists(new Path(out, f))) return false;
    return true;
  }

  private static List<String> recordedFiles(FileSystem fs, Path record) throws IOException {
    List<String> files = new ArrayList<>();
    try (InputStream in = fs.open(record)) {
      JsonNode json = Json.mapper().readTree(in);
      for (JsonNode f : json.path("files")) files.add(f.asText());
    }
    return files;
  }

  private void writeRecord(FileSystem fs, Path record, FileResult r) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tracegraph_version", BuildInfo.version());
    m.put("input", r.file());
    m.put("format", options.format().key());
    m.put("key", r.key());
    m.put("spans", r.spans());
    Map<String, Long> byDay = new TreeMap<>();
    r.spansByDay().forEach((d, n) -> byDay.put(d.toString(), n));
    m.put("spans_by_day", byDay);
    m.put("unreadable", r.unreadable());
    m.put("not_spans", r.notSpans());
    m.put("parent_not_hex", r.parentNotHex());
    m.put("problems", r.problems());
    m.put("files", r.written());
    Path tmp = new Path(record.getParent(), "." + record.getName() + ".tmp");
    fs.mkdirs(record.getParent());
    try (OutputStream os = fs.create(tmp, true)) {
      os.write(Json.write(m).getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(record, false);
    rename(fs, tmp, record);
  }

  private static void rename(FileSystem fs, Path from, Path to) throws IOException {
    if (!fs.rename(from, to)) throw new IOException("rename failed: " + from + " -> " + to);
  }

  private static void deleteIfEmpty(FileSystem fs, Path dir) throws IOException {
    if (fs.exists(dir) && fs.listStatus(dir).length == 0) fs.delete(dir, false);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts what a reader hands over, writes the spans, reports problems (the first few in full). */
  private final class FileSink implements SpanSink {
    private final String file;
    ArchiveWriter writer;
    long spans;
    long unreadable;
    long notSpans;
    long parentNotHex;
    final List<String> samples = new ArrayList<>();

    FileSink(String file) {
      this.file = file;
    }

    @Override
    public void span(SpanDraft draft, long line) {
      SpanDraft.Result r = draft.finish();
      if (r.problem() != null) {
        unreadable(line, r.problem());
        return;
      }
      if (r.parentNotHex()) parentNotHex++;
      try {
        writer.write(r.span());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write spans of " + file, e);
      }
      spans++;
    }

    @Override
    public void unreadable(long line, String reason) {
      if (options.strict()) {
        throw new BadInputException(file + ":" + line + ": " + reason + " (--strict: nothing of this file was imported)");
      }
      unreadable++;
      report(line, reason);
    }

    @Override
    public void notASpan(long line, String reason) {
      notSpans++;
      report(line, reason);
    }

    private void report(long line, String reason) {
      String message = file + ":" + line + ": " + reason;
      if (samples.size() < SAMPLES) {
        samples.add("line " + line + ": " + reason);
        log.info(message);
      } else if (samples.size() == SAMPLES && unreadable + notSpans == SAMPLES + 1) {
        log.info(file + ": more problems, counted in " + RECORDS + "/<key>.json");
      }
    }
  }
}
