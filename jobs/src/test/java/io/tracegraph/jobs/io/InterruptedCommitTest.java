package io.tracegraph.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * issue 13: a run killed inside its commit, at every step of it (each rename), through a file system that stops
 * answering at that step as a killed process would ({@link KilledFileSystem}: nothing after it happens, not even the
 * staging cleanup). The next run's cleanup ({@link DeadStaging}) puts the previous day back whole, file for file,
 * and removes the staging; once every step is done, the new day stays.
 */
class InterruptedCommitTest {
  static final LocalDate DAY = LocalDate.of(2026, 11, 23);
  /** The journal, the old report aside, tables a and b (aside, in), table c (new: in), the new report in. */
  static final int COMMIT_RENAMES = 8;

  @TempDir Path root;

  @Test
  void aCommitKilledAtAnyStepIsUndoneByTheNextRun() throws Exception {
    Configuration local = new Configuration();
    for (int step = 0; step <= COMMIT_RENAMES; step++) {
      Path out = root.resolve("out-" + step);
      writeDay(out.toString(), local, "old", List.of("a", "b"));
      Map<String, String> old = files(out);

      Configuration killed = KilledFileSystem.conf(step);
      String killedOut = KilledFileSystem.SCHEME + "://" + out.toUri().getPath();
      if (step < COMMIT_RENAMES) {
        assertThrows(RuntimeException.class, () -> writeDay(killedOut, killed, "new", List.of("a", "b", "c")),
            "killed at step " + step);
      } else {
        writeDay(killedOut, killed, "new", List.of("a", "b", "c"));
      }

      DeadStaging.Cleanup cleanup = DeadStaging.clean(FileSystem.getLocal(local), OutputLayout.of(out.toString()),
          DAY, Instant.now());
      assertEquals(Map.of(), cleanup.kept(), "step " + step);
      assertEquals(List.of(), staged(out), "step " + step + ": no staging left");
      Map<String, String> after = files(out);
      if (step < COMMIT_RENAMES) {
        assertEquals(old, after, "step " + step + ": the previous day, whole");
        assertEquals(step >= 2 ? List.of(DAY) : List.of(), cleanup.restoredDays(), "step " + step);
      } else {
        assertEquals("new", after.get("reports/" + DAY + "/run.json"));
        assertEquals("new a", after.get("tables/a/date=" + DAY + "/part"));
        assertEquals("new c", after.get("tables/c/date=" + DAY + "/part"));
        assertEquals(List.of(), cleanup.restoredDays(), "a finished commit is kept");
      }
      assertTrue(DayOutput.isCommitted(out.toString(), DAY, local), "step " + step);
    }
  }

  /** A day of {@code tables} (one file each, "VERSION table") and a report holding run.json "VERSION". */
  private static void writeDay(String out, Configuration conf, String version, List<String> tables) {
    try (DayOutput day = DayOutput.begin(out, DAY, conf)) {
      FileSystem fs = day.fileSystem();
      for (String table : tables) {
        try (OutputStream os = fs.create(new org.apache.hadoop.fs.Path(day.tableDir(table), "part"))) {
          os.write((version + " " + table).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      day.writeReport(OutputLayout.RUN_JSON, version);
      day.commit();
    }
  }

  /** The names in the output's staging directory. */
  private static List<String> staged(Path out) throws IOException {
    Path staging = out.resolve(OutputLayout.STAGING);
    if (!Files.exists(staging)) return List.of();
    try (Stream<Path> dirs = Files.list(staging)) {
      return dirs.map(d -> d.getFileName().toString()).toList();
    }
  }

  /** Every file under {@code out} except the staging and locks: relative path → content. */
  private static Map<String, String> files(Path out) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(out)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        String name = out.relativize(f).toString();
        if (name.startsWith(".") || name.contains("/.") || name.endsWith(".crc")) continue;
        files.put(name, Files.readString(f));
      }
    }
    return files;
  }

  /**
   * The local disk under the scheme {@code killed:}, for a run that is killed after {@code renames} renames: the
   * rename after those, and every call after it, fail, so nothing the run would do next (its cleanup included)
   * happens. One run at a time: the budget is static.
   */
  public static class KilledFileSystem extends LocalDiskUnderScheme {
    static final String SCHEME = "killed";
    private static final AtomicInteger RENAMES_LEFT = new AtomicInteger();
    private static volatile boolean dead;

    static Configuration conf(int renames) {
      RENAMES_LEFT.set(renames);
      dead = false;
      Configuration conf = new Configuration();
      conf.set("fs." + SCHEME + ".impl", KilledFileSystem.class.getName());
      conf.setBoolean("fs." + SCHEME + ".impl.disable.cache", true);
      return conf;
    }

    public KilledFileSystem() {
      super(SCHEME);
    }

    private static void alive() throws IOException {
      if (dead) throw new IOException("killed");
    }

    @Override
    public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
      alive();
      if (RENAMES_LEFT.getAndDecrement() <= 0) {
        dead = true;
        throw new IOException("killed");
      }
      return super.rename(src, dst);
    }

    @Override
    public boolean delete(org.apache.hadoop.fs.Path p, boolean recursive) throws IOException {
      alive();
      return super.delete(p, recursive);
    }

    @Override
    public boolean mkdirs(org.apache.hadoop.fs.Path f, FsPermission permission) throws IOException {
      alive();
      return super.mkdirs(f, permission);
    }

    @Override
    public FileStatus getFileStatus(org.apache.hadoop.fs.Path f) throws IOException {
      alive();
      return super.getFileStatus(f);
    }

    @Override
    public FileStatus[] listStatus(org.apache.hadoop.fs.Path f) throws IOException {
      alive();
      return super.listStatus(f);
    }

    @Override
    protected OutputStream createOutputStreamWithMode(org.apache.hadoop.fs.Path f, boolean append,
                                                      FsPermission permission) throws IOException {
      alive();
      return super.createOutputStreamWithMode(f, append, permission);
    }
  }
}
