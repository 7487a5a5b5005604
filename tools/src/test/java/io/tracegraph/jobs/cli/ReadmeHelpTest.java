package io.tracegraph.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.tools.ToolsCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README pastes each command's {@code --help}; this keeps the pasted text equal to what the command prints, so
 * the documented command line cannot drift from the real one. After a help change, paste the new output. It runs
 * here, in tools, because the documented commands include {@code generate}: the command line of
 * {@code scripts/tracegraph} ({@link ToolsCli}).
 */
class ReadmeHelpTest {
  private static final Path README = Path.of(System.getProperty("tracegraph.root", "..")).resolve("README.md");
  private static final List<String> DOCUMENTED = List.of("nightly", "import", "generate", "rollup", "capacity", "sql");

  @Test
  void everyPastedHelpIsWhatTheCommandPrints() throws IOException {
    Map<String, String> pasted = pastedHelp(Files.readAllLines(README));
    assertTrue(pasted.keySet().containsAll(DOCUMENTED), "README pastes --help of " + pasted.keySet()
        + "; every user-facing command should be there: " + DOCUMENTED);
    CommandLine cli = ToolsCli.commandLine();
    pasted.forEach((name, text) -> {
      CommandLine sub = cli.getSubcommands().get(name);
      assertTrue(sub != null, "README pastes the help of an unknown command: " + name);
      assertEquals(stripTrailing(sub.getUsageMessage(CommandLine.Help.Ansi.OFF)), text,
          "README's block for 'tracegraph " + name + " --help' differs from the command's help: paste it again");
    });
  }

  /** Code blocks starting with "Usage: tracegraph NAME" (perhaps after a "$ ..." command line), by NAME. */
  private static Map<String, String> pastedHelp(List<String> lines) {
    Map<String, String> blocks = new TreeMap<>();
    for (int i = 2; i < lines.size(); i++) {
      String line = lines.get(i);
      String above = lines.get(i - 1);
      boolean opensBlock = above.startsWith("```") || above.startsWith("$ ") && lines.get(i - 2).startsWith("```");
      if (!line.startsWith("Usage: tracegraph ") || !opensBlock) continue;
      String name = line.substring("Usage: tracegraph ".length()).split(" ", 2)[0];
      StringBuilder text = new StringBuilder();
      for (int j = i; !lines.get(j).startsWith("```"); j++) text.append(lines.get(j)).append('\n');
      blocks.put(name, stripTrailing(text.toString()));
    }
    return blocks;
  }

  private static String stripTrailing(String text) {
    return text.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("").strip();
  }
}
