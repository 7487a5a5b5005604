package io.tracegraph.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README is short and points into {@code docs/}: every relative link of the README and of the pages must reach
 * a file that exists and, with a {@code #fragment}, a heading of that file (as GitHub names heading anchors), and
 * every page must be linked from the README, so moving a section cannot leave a reader at a dead end.
 */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

  @Test
  void everyLinkReachesAFileAndHeading() throws IOException {
    List<String> broken = new ArrayList<>();
    Map<Path, Set<String>> anchors = new HashMap<>();
    for (Path page : ReadmeHelpTest.pages()) {
      for (String target : links(Files.readAllLines(page))) {
        if (target.matches("^[a-z]+:.*")) continue; // https:, mailto:
        String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String fragment = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(ReadmeHelpTest.ROOT.relativize(page) + ": " + target + " (no such file)");
        } else if (fragment != null && !anchors.computeIfAbsent(resolved, DocsLinksTest::anchors).contains(fragment)) {
          broken.add(ReadmeHelpTest.ROOT.relativize(page) + ": " + target + " (no such heading)");
        }
      }
    }
    assertEquals(List.of(), broken, "links that lead nowhere");
  }

  @Test
  void everyPageIsLinkedFromTheReadme() throws IOException {
    List<String> readmeLinks = links(Files.readAllLines(ReadmeHelpTest.ROOT.resolve("README.md")));
    for (Path page : ReadmeHelpTest.pages().subList(1, ReadmeHelpTest.pages().size())) {
      String name = "docs/" + page.getFileName();
      assertTrue(readmeLinks.stream().anyMatch(l -> l.equals(name) || l.startsWith(name + "#")),
          "the README does not link " + name);
    }
  }

  /** GitHub's heading anchors, as the links of these pages use them. */
  @Test
  void anchorsAreGithubs() {
    assertEquals(List.of("the-days-report-outreportsdindexhtml", "table-entry_points", "runjson-the-analyses-sections",
        "output-layout-the-contract-other-tools-read", "options-of-tracegraph-nightly", "exit-codes",
        "exit-codes-1"),
        List.copyOf(anchorsOf(List.of("## The day's report: `OUT/reports/D/index.html`", "## Table `entry_points`",
            "## `run.json`: the analyses' sections", "## Output layout (the contract other tools read)",
            "### Options of `tracegraph nightly`", "```bash", "# not a heading: inside code", "```",
            "### Exit codes", "### Exit codes"))));
    assertEquals(List.of("docs/a.md", "b.md#x"),
        links(List.of("See [a](docs/a.md) and [b](b.md#x).", "```", "[c](inside/code.md)", "```", "`[d](code.md)`")));
  }

  /** Link targets outside code blocks and inline code. */
  static List<String> links(List<String> lines) {
    List<String> targets = new ArrayList<>();
    boolean code = false;
    for (String line : lines) {
      if (line.startsWith("```")) code = !code;
      if (code) continue;
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
      while (m.find()) targets.add(m.group(1));
    }
    return targets;
  }

  private static Set<String> anchors(Path file) {
    try {
      return anchorsOf(Files.readAllLines(file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The anchor of every heading outside code blocks: lower case, letters, digits, '_' and '-' kept, spaces to '-',
   * everything else dropped; a repeated anchor gets "-1", "-2", ...
   */
  static Set<String> anchorsOf(List<String> lines) {
    Set<String> anchors = new LinkedHashSet<>();
    boolean code = false;
    for (String line : lines) {
      if (line.startsWith("```")) code = !code;
      if (code || !line.matches("^#{1,6} .*")) continue;
      StringBuilder slug = new StringBuilder();
      line.replaceFirst("^#+ ", "").strip().toLowerCase(java.util.Locale.ROOT).codePoints().forEach(c -> {
        if (Character.isLetterOrDigit(c) || c == '_' || c == '-') slug.appendCodePoint(c);
        else if (c == ' ') slug.append('-');
      });
      String anchor = slug.toString();
      for (int n = 1; !anchors.add(anchor); n++) anchor = slug + "-" + n;
    }
    return anchors;
  }
}
