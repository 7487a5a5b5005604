package io.tracegraph.jobs.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.jobs.io.OutputLayout;
import io.tracegraph.model.Span;
import io.tracegraph.model.SpanKind;
import io.tracegraph.model.TestTraces;
import io.tracegraph.reports.HostileNames;
import io.tracegraph.reports.InvisibleCharacters;
import io.tracegraph.reports.Labels;
import io.tracegraph.reports.OutputsReadBack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive whose service, peer and operation names are {@link HostileNames} (markup, quotes, line breaks,
 * formulas, a right-to-left override, a megabyte name) through the nightly job to every file it writes: each file
 * is read back by a real parser of its format and gives back every name (shortened where it is only shown), no
 * invisible character is written raw (but in graph.dot, whose ids are the names as they are), and no name becomes
 * part of a file or directory name.
 */
class HostileNamesNightlyTest extends SparkTestBase {
  static final LocalDate DAY = ArchiveFixtures.dayOf(TestTraces.DAY_START_NANOS);

  @TempDir Path tmp;

  @Test
  void everyOutputFileReadsBackEveryHostileName() throws Exception {
    Path spans = tmp.resolve("spans");
    Path out = tmp.resolve("out");
    List<List<Span>> traces = new ArrayList<>();
    Set<String> names = new TreeSet<>(Set.of("web"));
    for (int i = 0; i < HostileNames.ALL.size(); i++) {
      String name = HostileNames.ALL.get(i);
      names.add(name);
      long root = TestTraces.spanId(i, 1);
      long client = TestTraces.spanId(i, 2);
      // Even: web calls an instrumented service of that name; odd: an uninstrumented peer of that name.
      traces.add(i % 2 == 0
          ? List.of(TestTraces.span(root, 0, SpanKind.SERVER, "web", 0, 50),
              TestTraces.span(client, root, SpanKind.CLIENT, "web", 5, 40),
              TestTraces.span(TestTraces.spanId(i, 3), client, SpanKind.SERVER, name, 6, 38))
          : List.of(TestTraces.span(root, 0, SpanKind.SERVER, "web", 0, 50),
              TestTraces.span(client, root, SpanKind.CLIENT, "web", 5, 40, name, false)));
    }
    ArchiveFixtures.write(spark(), spans, traces);

    NightlyRunner.run(spark(), spans, out, DAY);

    assertEquals(names, OutputsReadBack.dependenciesJsonNames(read(out, OutputLayout.DEPENDENCIES_JSON)));
    assertEquals(names, OutputsReadBack.graphJsonNames(read(out, OutputLayout.GRAPH_JSON)));
    assertEquals(names, OutputsReadBack.dotVertices(read(out, OutputLayout.GRAPH_DOT)));
    assertEquals(names, OutputsReadBack.graphmlNames(read(out, OutputLayout.GRAPH_GRAPHML)));
    assertEquals(names.stream().map(n -> Labels.shortened(n, 200)).collect(Collectors.toCollection(TreeSet::new)),
        OutputsReadBack.mermaidLabels(read(out, OutputLayout.GRAPH_MMD)));
    Document page = OutputsReadBack.html(read(out, OutputLayout.INDEX_HTML));
    assertEquals(names, OutputsReadBack.htmlDataNames(page));
    assertTrue(page.getElementsByTag("img").isEmpty(), "no name became an element");
    // The graph's data, the example traces' data (their waterfalls) and the page's script; nothing else.
    assertEquals(List.of("graph-data", "trace-data", ""),
        page.getElementsByTag("script").stream().map(e -> e.id()).toList());
    assertTrue(page.select("#services td.name").eachText().size() >= names.size() - 1);
    OutputsReadBack.tree(read(out, OutputLayout.RUN_JSON));
    OutputsReadBack.tree(read(out, OutputLayout.DIFF_JSON));

    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      String rel = out.relativize(f).toString();
      assertTrue(rel.matches("[A-Za-z0-9._=/-]+"), "a file name from the data: " + rel);
      for (String name : HostileNames.ALL) assertFalse(rel.contains(name), "a name in a path: " + rel);
      // DOT has no character escape but \" (its ids are the names as they are); Parquet holds the names as data.
      if (!rel.endsWith(".parquet") && !rel.endsWith(".crc") && !rel.endsWith(".dot")) {
        String text = Files.readString(f);
        assertTrue(text.codePoints().noneMatch(InvisibleCharacters::is), "a raw invisible character in " + rel);
      }
    }
    assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".parquet")), "the tables were written too");
  }

  private static String read(Path out, String file) throws Exception {
    return Files.readString(NightlyRunner.report(out, DAY, file));
  }
}
