package io.tracegraph.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.tools.ToolsCli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README and the pages under {@code docs/} paste each command's {@code --help} where the command is documented;
 * this keeps every pasted text equal to what the command prints, so the documented command line cannot drift from
 * the real one. After a help change, paste the new output where the test says. It runs here, in tools, because the
 * documented commands include {@code generate}: it checks the command line of {@code scripts/tracegraph}
 * ({@link ToolsCli}).
 */
class ReadmeHelpTest {
  static final Path ROOT = Path.of(System.getProperty("tracegraph.root", ".."));
  private static final List<String> DOCUMENTED = List.of("nightly", "import", "generate", "rollup", "capacity", "sql");

  /** A pasted help: the command it names, the file and line it starts at, its text. */
  record Paste(String command, Path file, int line, String text) {
    String where() {
      return ROOT.relativize(file) + ":" + line;
    }
  }

  @Test
  void everyPastedHelpIsWhatTheCommandPrints() {
    List<Paste> pastes = pastes();
    Map<String, List<String>> byCommand = new TreeMap<>();
    pastes.forEach(p -> byCommand.computeIfAbsent(p.command(), k -> new ArrayList<>()).add(p.where()));
    assertTrue(byCommand.keySet().containsAll(DOCUMENTED), "the docs paste --help of " + byCommand
        + "; every user-facing command should be there: " + DOCUMENTED);
    assertTrue(byCommand.get("nightly").stream().anyMatch(w -> w.startsWith("README.md:")),
        "the README pastes tracegraph nightly --help: " + byCommand.get("nightly"));
    CommandLine cli = ToolsCli.commandLine();
    for (Paste paste : pastes) {
      CommandLine sub = cli.getSubcommands().get(paste.command());
      assertTrue(sub != null, paste.where() + " pastes the help of an unknown command: " + paste.command());
      assertEquals(stripTrailing(sub.getUsageMessage(CommandLine.Help.Ansi.OFF)), paste.text(),
          paste.where() + ": the block of 'tracegraph " + paste.command()
              + " --help' differs from the command's help: paste it again");
    }
  }

  /** The scan finds a paste wherever a page has one, and reads it up to its closing fence. */
  @Test
  void pastesAreFoundInAnyPageAndReadWhole() {
    List<String> page = List.of("# Page", "", "```", "$ scripts/tracegraph rollup --help",
        "Usage: tracegraph rollup [-hV]", "  --from=YYYY-MM-DD   First day.  ", "```", "", "```",
        "Usage: tracegraph sql QUERY", "```", "Usage: tracegraph generate (not in a code block)");
    List<Paste> found = pastes(Path.of("docs/page.md"), page);
    assertEquals(List.of("rollup", "sql"), found.stream().map(Paste::command).toList());
    assertEquals("Usage: tracegraph rollup [-hV]\n  --from=YYYY-MM-DD   First day.", found.get(0).text());
    assertEquals(5, found.get(0).line());
    assertFalse(pastes().isEmpty());
  }

  /** Every pasted help in README.md and docs/*.md. */
  static List<Paste> pastes() {
    List<Paste> all = new ArrayList<>();
    for (Path file : pages()) {
      try {
        all.addAll(pastes(file, Files.readAllLines(file)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return all;
  }

  /** README.md and the Markdown pages under docs/, in name order. */
  static List<Path> pages() {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** Code blocks whose first line is "Usage: tracegraph NAME" (perhaps after a "$ ..." command line). */
  static List<Paste> pastes(Path file, List<String> lines) {
    List<Paste> pastes = new ArrayList<>();
    for (int open = 0; open < lines.size(); open++) {
      if (!lines.get(open).startsWith("```")) continue;
      int close = open + 1;
      while (close < lines.size() && !lines.get(close).startsWith("```")) close++;
      int first = open + 1 < close && lines.get(open + 1).startsWith("$ ") ? open + 2 : open + 1;
      if (first < close && lines.get(first).startsWith("Usage: tracegraph ")) {
        String name = lines.get(first).substring("Usage: tracegraph ".length()).split(" ", 2)[0];
        String text = String.join("\n", lines.subList(first, close));
        pastes.add(new Paste(name, file, first + 1, stripTrailing(text)));
      }
      open = close; // the closing fence; a block never opens on it
    }
    return pastes;
  }

  private static String stripTrailing(String text) {
    return text.lines().map(String::stripTrailing).reduce((a, b) -> a + "\n" + b).orElse("").strip();
  }
}
