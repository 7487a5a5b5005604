package io.tracegraph.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracegraph.reports.Json;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The lock of one day of an output root, {@code OUT/.locks/D.lock}: while a run holds it, no other run writes that
 * day there. Other days of the same root are not locked (a backfill may run days side by side).
 *
 * <p><b>Taking it</b> is creating the file only if it is absent: a create without overwrite, atomic on a local disk
 * and HDFS; on S3A a PUT with {@code If-None-Match: *} (hadoop-aws 3.4.2+ with
 * {@code fs.s3a.create.conditional.enabled}, on by default; AWS S3 and stores that implement conditional writes
 * answer 412 to the second writer). A store that ignores that header lets a later PUT overwrite: the lock is then
 * looked for before and read back after the create, which leaves a race only between runs starting within the same
 * moment, and of those only the last writer passes {@link #checkHeld()} before its commit.
 *
 * <p><b>A dead holder does not block forever.</b> The file names its holder (run id, host, pid, start) and the holder
 * rewrites it every {@link #HEARTBEAT} (its modification time is the heartbeat). A lock is <i>stale</i>, and is taken
 * over, when its heartbeat is older than {@link #STALE_AFTER}, or at once when it names this host and a process id
 * that is no longer running (a run killed on this machine). Taking over moves the stale file aside by rename first,
 * so of two runs taking over at once only one succeeds. A holder whose lock was taken over (a pause longer than
 * {@link #STALE_AFTER}) notices at its next heartbeat and refuses to commit ({@link #checkHeld()}).
 */
public final class DayLock implements AutoCloseable {
  /** How often a holder rewrites its lock. */
  public static final Duration HEARTBEAT = Duration.ofMinutes(1);
  /** A lock whose heartbeat is older than this is stale: its run is dead (or stopped). */
  public static final Duration STALE_AFTER = Duration.ofMinutes(10);
  /** The option S3A reads to send {@code If-None-Match: *} with a create that must not overwrite. */
  static final String CONDITIONAL_CREATE = "fs.option.create.conditional.overwrite";

  /** Who holds a lock, as its file says. */
  public record Holder(String runId, String host, long pid, Instant startedAt, Instant heartbeatAt) {
    static Holder self(Clock clock) {
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      return new Holder(UUID.randomUUID().toString(), thisHost(), ProcessHandle.current().pid(), now, now);
    }

    Holder beat(Instant now) {
      return new Holder(runId, host, pid, startedAt, now.truncatedTo(ChronoUnit.SECONDS));
    }

    String toJson() {
      ObjectNode node = Json.mapper().createObjectNode();
      node.put("run_id", runId).put("host", host).put("pid", pid)
          .put("started_at", startedAt.toString()).put("heartbeat_at", heartbeatAt.toString());
      return node.toString() + "\n";
    }

    static Holder parse(String json) throws IOException {
      JsonNode n = Json.mapper().readTree(json);
      if (n == null || !n.hasNonNull("run_id")) throw new IOException("not a lock file: " + json);
      return new Holder(n.path("run_id").asText(), n.path("host").asText(), n.path("pid").asLong(-1),
          Instant.parse(n.path("started_at").asText()), Instant.parse(n.path("heartbeat_at").asText()));
    }

    /** {@code run <id> on host <host>, pid <pid>, started <time>}, for messages. */
    public String describe() {
      return "run " + runId + " on host " + host + ", pid " + pid + ", started " + startedAt;
    }
  }

  private final FileSystem fs;
  private final Path file;
  private final Clock clock;
  private final ScheduledExecutorService heartbeat;
  private volatile Holder self;
  private volatile String lost;
  private boolean closed;
  private final String tookOver;

  private DayLock(FileSystem fs, Path file, Holder self, Clock clock, String tookOver) {
    this.tookOver = tookOver;
    this.fs = fs;
    this.file = file;
    this.self = self;
    this.clock = clock;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "tracegraph lock " + file.getName());
      t.setDaemon(true);
      return t;
    });
    long millis = HEARTBEAT.toMillis();
    heartbeat.scheduleAtFixedRate(this::beat, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock of {@code day} under output root {@code out}, taking over a stale one.
   *
   * @throws DayLockedException when a live run holds it
   */
  public static DayLock acquire(String out, LocalDate day, Configuration conf) {
    return acquire(OutputLayout.of(out), day, conf, Clock.systemUTC());
  }

  static DayLock acquire(OutputLayout out, LocalDate day, Configuration conf, Clock clock) {
    Path file = out.dayLock(day);
    try {
      FileSystem fs = fileSystem(file, conf);
      Holder self = Holder.self(clock);
      String tookOver = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        if (create(fs, file, self)) return new DayLock(fs, file, self, clock, tookOver);
        FileStatus status = status(fs, file);
        if (status == null) continue; // released between our create and our look: try again
        Holder holder = holder(fs, file);
        String staleBecause = staleBecause(holder, status, clock.instant());
        if (staleBecause == null) throw new DayLockedException(day, out, holder, status, clock.instant());
        tookOver = (holder != null ? holder.describe() : "an unreadable lock") + ": " + staleBecause;
        Path aside = new Path(file.getParent(), file.getName() + ".stale-" + self.runId());
        if (fs.rename(file, aside)) fs.delete(aside, false); // only one of several takers wins the rename
      }
      throw new IOException("could not take " + file + " after 3 attempts (other runs keep taking it)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the lock " + file, e);
    }
  }

  /**
   * True when a live run holds the lock of {@code day}: the file is there and not stale. Used to tell a dead run's
   * staging directory from a live one's.
   */
  public static boolean isHeld(FileSystem fs, OutputLayout out, LocalDate day, Instant now) throws IOException {
    Path file = out.dayLock(day);
    FileStatus status = status(fs, file);
    return status != null && staleBecause(holder(fs, file), status, now) == null;
  }

  /** Why a lock is stale, or null when its holder is alive as far as can be told. */
  static String staleBecause(Holder holder, FileStatus status, Instant now) {
    Instant beat = Instant.ofEpochMilli(status.getModificationTime());
    if (holder != null && holder.heartbeatAt().isAfter(beat)) beat = holder.heartbeatAt();
    if (Duration.between(beat, now).compareTo(STALE_AFTER) > 0) {
      return "no heartbeat since " + beat.truncatedTo(ChronoUnit.SECONDS) + " (stale after " + STALE_AFTER + ")";
    }
    if (holder != null && holder.host().equals(thisHost()) && ProcessHandle.of(holder.pid()).isEmpty()) {
      return "process " + holder.pid() + " is no longer running on this host";
    }
    return null;
  }

  /** Throws when this run no longer holds the lock (taken over after a pause longer than {@link #STALE_AFTER}). */
  public void checkHeld() {
    beat();
    if (lost != null) throw new DayLockedException(file + ": " + lost);
  }

  public Holder holder() {
    return self;
  }

  /** The stale lock this run took over and why it was stale, or null when the lock was free. */
  public String tookOver() {
    return tookOver;
  }

  public Path file() {
    return file;
  }

  /** Stops the heartbeat and removes the lock, if it is still this run's. */
  @Override
  public synchronized void close() {
    closed = true; // a heartbeat after this would put a finished run's lock back
    heartbeat.shutdownNow();
    try {
      Holder now = holder(fs, file);
      if (now != null && now.runId().equals(self.runId())) fs.delete(file, false);
    } catch (IOException e) {
      // The lock goes stale on its own (the heartbeat stopped); the next run takes it over.
    }
  }

  /** Rewrites the lock with a new heartbeat time, unless another run took it over. */
  private synchronized void beat() {
    if (lost != null || closed) return;
    try {
      Holder now = holder(fs, file);
      if (now != null && !now.runId().equals(self.runId())) {
        lost = "taken over by " + now.describe() + " (this run's heartbeat was older than " + STALE_AFTER + ")";
        return;
      }
      self = self.beat(clock.instant());
      write(fs, file, self, true);
    } catch (IOException e) {
      // A missed beat is harmless unless all beats for STALE_AFTER are missed; the next one tries again.
    }
  }

  /**
   * Creates the lock file if it is absent; false when it exists. S3A sends a conditional create without looking
   * first, and a store that ignores {@code If-None-Match} overwrites silently: so look first, and read the lock back
   * (the last writer wins; an earlier one reads the later one's id and backs off).
   */
  private static boolean create(FileSystem fs, Path file, Holder self) throws IOException {
    if (status(fs, file) != null) return false;
    try {
      write(fs, file, self, false);
    } catch (FileAlreadyExistsException | java.nio.file.FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // S3A reports a refused If-None-Match (412) as another IOException, at close: the lock is someone else's.
      if (status(fs, file) != null && !self.runId().equals(runIdOf(fs, file))) return false;
      throw e;
    }
    return self.runId().equals(runIdOf(fs, file));
  }

  private static void write(FileSystem fs, Path file, Holder holder, boolean overwrite) throws IOException {
    byte[] bytes = holder.toJson().getBytes(StandardCharsets.UTF_8);
    if (!overwrite && fs instanceof RawLocalFileSystem local) {
      // Hadoop's local create checks for the file, then creates it: O_EXCL makes the check and create one step.
      java.nio.file.Path path = local.pathToFile(file).toPath();
      Files.createDirectories(path.getParent());
      try (OutputStream os = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        os.write(bytes);
      }
      return;
    }
    var builder = fs.createFile(file).overwrite(overwrite).recursive();
    if (!overwrite) builder.opt(CONDITIONAL_CREATE, true);
    try (OutputStream os = builder.build()) {
      os.write(bytes);
    }
  }

  private static String runIdOf(FileSystem fs, Path file) {
    try {
      Holder h = holder(fs, file);
      return h == null ? null : h.runId();
    } catch (IOException e) {
      return null;
    }
  }

  /** The holder a lock file names; null when the file is gone or cannot be read (being rewritten, damaged). */
  private static Holder holder(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return Holder.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return null; // gone, or unreadable: judged by its modification time alone
    }
  }

  /** The file system of the lock; on a local disk the raw one (no checksum files beside a file rewritten often). */
  static FileSystem fileSystem(Path file, Configuration conf) throws IOException {
    FileSystem fs = file.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
  }

  private static FileStatus status(FileSystem fs, Path file) throws IOException {
    try {
      return fs.getFileStatus(file);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static String thisHost() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env != null ? env : "unknown";
    }
  }
}
