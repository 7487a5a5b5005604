package io.tracegraph.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.JavaProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/tracegraph} passes {@code -XX:CompileThresholdScaling} (TRACEGRAPH_JIT_SCALING, default 4) to every
 * JVM it starts; a value that is not a number stops it at once with exit code 2 and a message, before any build or
 * JVM, instead of a JVM that will not start.
 */
class LauncherJitTest {
  @TempDir Path tmp;

  @Test
  void aScalingThatIsNotANumberIsAUsageError() throws Exception {
    Path launcher = Path.of(System.getProperty("tracegraph.root", ".."), "scripts", "tracegraph");
    assertTrue(Files.isRegularFile(launcher), launcher.toString());
    JavaProcesses.Finished run = JavaProcesses.run(List.of("bash", launcher.toString(), "--help"),
        Map.of("TRACEGRAPH_JIT_SCALING", "fast"), tmp.resolve("log"), Duration.ofMinutes(1));

    assertEquals(2, run.exitCode(), run.log());
    assertTrue(run.log().contains("TRACEGRAPH_JIT_SCALING must be a number, not 'fast'"), run.log());
  }
}
