package io.tracegraph.reports.html;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One headless Chromium per test class, started before its tests and closed after them; the class's tests are
 * skipped, with a message saying why, when no Chromium is installed. Screenshots go to {@link #SCREENSHOTS}.
 */
abstract class BrowserTestBase {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static HeadlessChromium chromium;
  @TempDir static Path tmp;

  @BeforeAll
  static void startChromium() throws Exception {
    var binary = HeadlessChromium.executable();
    assumeTrue(binary.isPresent(), "Chromium is not installed (apt-get install chromium; .ci/run does): skipped");
    chromium = HeadlessChromium.start(binary.get(), tmp.resolve("profile"));
  }

  @AfterAll
  static void stopChromium() throws Exception {
    if (chromium != null) chromium.close();
    chromium = null;
  }
}
