package io.tracegraph.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole-text golden files under {@code src/test/resources/golden/}: a rendering is compared byte for byte with the
 * checked-in text. {@code -Dgolden.update=true} rewrites the files instead; review their diff like code.
 */
public final class Golden {
  static final Path DIR = Path.of("src/test/resources/golden");

  private Golden() {}

  public static void assertMatches(String file, String actual) {
    Path golden = DIR.resolve(file);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(DIR);
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(golden)) {
        throw new AssertionError("no golden file " + golden + ": run with -Dgolden.update=true and review it");
      }
      String expected = Files.readString(golden, StandardCharsets.UTF_8);
      assertEquals(expected, actual, () -> file + " differs from its golden file (" + golden
          + "); if the change is meant, rerun with -Dgolden.update=true and review the diff");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
