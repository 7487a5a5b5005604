package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Style lesson 1: the model and the reports are plain Java, testable in milliseconds, and the Spark jobs are thin
 * wrappers around them. This test fails, naming the file, as soon as a source file of {@code model/} or
 * {@code reports/} mentions Spark's packages. Surefire runs it with the module directory as working directory.
 */
class NoSparkImportTest {
  /** Spark's package prefix, split so that this file does not match itself. */
  private static final String SPARK_PACKAGE = "org.apache" + ".spark";

  @Test
  void modelAndReportsSourcesDoNotUseSpark() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path dir : List.of(Path.of("..", "model", "src"), Path.of("..", "reports", "src"))) {
      assertTrue(Files.isDirectory(dir), () -> "source directory missing: " + dir.toAbsolutePath().normalize());
      int scanned = 0;
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          scanned++;
          if (Files.readString(file, StandardCharsets.UTF_8).contains(SPARK_PACKAGE)) {
            offenders.add(file.normalize().toString());
          }
        }
      }
      int count = scanned;
      assertTrue(count > 0, () -> "no .java files under " + dir.toAbsolutePath().normalize());
    }
    assertTrue(offenders.isEmpty(), () -> "Spark referenced in model/reports sources: " + offenders);
  }
}
