package io.tracegraph.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.JavaProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command's exit code survives a class-data archive that cannot be written: {@code scripts/tracegraph} records the
 * archive with {@code -XX:ArchiveClassesAtExit}, and a JVM that cannot write it at exit (its folder removed by a build
 * during the run, a full disk) ends with 1 whatever the command returned. {@link ToolsCli#EXIT_CODE_FILE} keeps the
 * command's own code, which the launcher takes as its exit code.
 */
class ToolsCliExitCodeTest {
  @TempDir Path tmp;

  @Test
  void theCommandsExitCodeIsWrittenBeforeTheJvmWritesTheArchive() throws Exception {
    Path codeFile = tmp.resolve("exit-code");
    List<String> command = new ArrayList<>(List.of(JavaProcesses.javaBin(), "-Xshare:auto",
        "-XX:ArchiveClassesAtExit=" + tmp.resolve("removed/tracegraph.jsa"),
        "-D" + ToolsCli.EXIT_CODE_FILE + "=" + codeFile,
        "-cp", System.getProperty("java.class.path"), ToolsCli.class.getName(),
        // A usage error (exit 2): --to before --from. No Spark session is started.
        "rollup", "--from", "2026-01-02", "--to", "2026-01-01", "--out", tmp.resolve("out").toString()));
    JavaProcesses.Finished run = JavaProcesses.run(command, Map.of(), tmp.resolve("log"), Duration.ofMinutes(2));

    assertEquals("2", Files.readString(codeFile), run.log());
    // The JVM's own code is 1 where it reports the archive it could not write (JDK 17); the launcher ignores it.
    assertTrue(run.exitCode() == 1 || run.exitCode() == 2, run.exitCode() + "\n" + run.log());
    assertTrue(run.log().contains("is before --from"), run.log());
  }
}
