package io.tracegraph.jobs.importer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real datasets in {@code ../shared/datasets}, found through the system property {@code tracegraph.shared}
 * (Surefire sets it). They are read in place, never copied into the repository; a test that needs one is skipped, with
 * a message saying what is missing, when it is absent.
 */
final class SharedDatasets {
  private SharedDatasets() {}

  static Path require(String dataset) {
    String shared = System.getProperty("tracegraph.shared");
    assumeTrue(shared != null, "system property tracegraph.shared is not set: dataset " + dataset + " not available");
    Path dir = Path.of(shared, "datasets", dataset);
    assumeTrue(Files.isDirectory(dir), "dataset " + dir + " is absent: test skipped");
    return dir;
  }
}
