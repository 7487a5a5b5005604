package io.tracegraph.reports.html;

import io.tracegraph.model.CompactTrace;
import io.tracegraph.model.ErrorOrigins;
import io.tracegraph.model.Exemplar;
import io.tracegraph.model.TopTraces;
import io.tracegraph.reports.trace.TraceUrl;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The traces a day's report can show and link to: the day's exemplars ({@link Exemplar}), the slowest traces of each
 * link of the graph (the {@code edges} table's examples), and the user's tracing UI ({@code --trace-url}). The page
 * embeds the trees of the exemplars it links to (every entry point's, the error paths shown, every link's slowest),
 * each once, so a click draws the waterfall offline.
 */
public final class PageTraces {
  /** No traces (links only, or a report without the trace analyses). */
  public static final PageTraces NONE = new PageTraces(List.of(), Map.of(), Map.of(), null);

  private final List<Exemplar> entries;
  private final Map<ErrorOrigins.ErrorPath, Exemplar> errors;
  private final Map<List<String>, List<TopTraces.Example>> slowestByLink;
  private final Map<String, CompactTrace> trees;
  private final TraceUrl links;

  private PageTraces(List<Exemplar> entries, Map<ErrorOrigins.ErrorPath, Exemplar> errors,
                     Map<List<String>, List<TopTraces.Example>> slowestByLink, TraceUrl links) {
    this.entries = List.copyOf(entries);
    this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    this.slowestByLink = Map.copyOf(slowestByLink);
    this.links = links;
    this.trees = new LinkedHashMap<>();
  }

  /**
   * @param exemplars the day's exemplars, in table order
   * @param errorPathsShown the error paths whose rows the report shows (their exemplars are embedded)
   * @param slowestByLink per link (parent, child) its slowest calls' traces, slowest first
   * @param links the tracing UI's links, or null
   */
  public static PageTraces of(List<Exemplar> exemplars, Collection<ErrorOrigins.ErrorPath> errorPathsShown,
                              Map<List<String>, List<TopTraces.Example>> slowestByLink, TraceUrl links) {
    List<Exemplar> entries = new ArrayList<>();
    Map<ErrorOrigins.ErrorPath, Exemplar> errors = new LinkedHashMap<>();
    Set<ErrorOrigins.ErrorPath> shown = new HashSet<>(errorPathsShown);
    Map<String, CompactTrace> edgeTrees = new LinkedHashMap<>();
    for (Exemplar e : exemplars) {
      switch (e.kind()) {
        case ENTRY_SLOWEST, ENTRY_P50 -> entries.add(e);
        case ERROR_ORIGIN -> { if (shown.contains(e.errorPath())) errors.put(e.errorPath(), e); }
        case EDGE_SLOWEST -> edgeTrees.putIfAbsent(e.traceId().hex(), e.trace());
      }
    }
    PageTraces p = new PageTraces(entries, errors, slowestByLink, links);
    for (Exemplar e : entries) p.trees.putIfAbsent(e.traceId().hex(), e.trace());
    for (Exemplar e : errors.values()) p.trees.putIfAbsent(e.traceId().hex(), e.trace());
    for (List<TopTraces.Example> slowest : slowestByLink.values()) {
      for (TopTraces.Example x : slowest) {
        CompactTrace tree = edgeTrees.get(x.traceIdHex());
        if (tree != null) p.trees.putIfAbsent(x.traceIdHex(), tree);
      }
    }
    return p;
  }

  /** Only the links to the tracing UI (a page without trees, e.g. a trace page from the command line). */
  public static PageTraces linksOnly(TraceUrl links) {
    return new PageTraces(List.of(), Map.of(), Map.of(), links);
  }

  /** The entry points' exemplars: per entry point its slowest, then its trace near the median. */
  public List<Exemplar> entries() {
    return entries;
  }

  /** The failed trace shown for an error path, or null. */
  public Exemplar error(ErrorOrigins.ErrorPath path) {
    return errors.get(path);
  }

  /** The slowest calls' traces of the link parent → child, slowest first (empty when none). */
  public List<TopTraces.Example> slowest(String parent, String child) {
    return slowestByLink.getOrDefault(List.of(parent, child), List.of());
  }

  /** The trees the page embeds, each once, in a fixed order. */
  public Collection<CompactTrace> trees() {
    return Collections.unmodifiableCollection(trees.values());
  }

  /** True when the page can draw trace {@code hex}. */
  public boolean has(String hex) {
    return trees.containsKey(hex);
  }

  /** The tracing UI's links, or null. */
  public TraceUrl links() {
    return links;
  }

  public boolean isEmpty() {
    return trees.isEmpty() && entries.isEmpty();
  }
}
