package io.tracegraph.model;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a nightly run learns from the traces of one day, as a mergeable value: each trace is added once
 * ({@link #addTrace}), partial summaries of different trace sets are combined with {@link #merge}, and the order of
 * either never changes the result. Spark folds each partition's traces into one summary and merges the partials;
 * tests do the same without Spark.
 */
public final class DaySummary implements Serializable {
  private static final long serialVersionUID = 1L;

  private final DayWindow window;
  private long rowsRead;
  private final long[] dropped = new long[DropReason.values().length];
  private final long[] repairs = new long[Repair.values().length];
  private final EnumMap<TraceCounter, Long> counters = new EnumMap<>(TraceCounter.class);
  private final DependencyLinker links = new DependencyLinker();
  /** Services that wrote spans in the day's traces: graph vertices not in it are uninstrumented peers. */
  private final TreeSet<String> services = new TreeSet<>();
  private final TraceAnalyses analyses;
  private final TrafficSummary traffic = new TrafficSummary();
  private final LinkedMessages linked = new LinkedMessages();
  private final boolean linksOnly; // --links-only: the traffic tables are neither computed nor written
  /** {@link #traffic} with the messages through span links, made when first asked for; reset by any change. */
  private transient TrafficSummary trafficWithLinks;

  public DaySummary(DayWindow window) {
    this(window, TraceAnalyses.Options.DEFAULT);
  }

  public DaySummary(DayWindow window, TraceAnalyses.Options analysisOptions) {
    this.window = window;
    this.analyses = new TraceAnalyses(analysisOptions);
    this.linksOnly = analysisOptions.linksOnly();
  }

  /** Counts one input row: read, and dropped by reason or repaired as the parser said. */
  public DaySummary countRow(ParsedRow row) {
    rowsRead++;
    if (row.isDropped()) {
      dropped[row.dropped().ordinal()]++;
    } else if (row.repairs() != 0) {
      for (Repair r : Repair.values()) if ((row.repairs() & r.bit()) != 0) repairs[r.ordinal()]++;
    }
    return this;
  }

  /**
   * Leaves out a trace with more usable rows than the limit: its {@code rows}, counted as read and kept by
   * {@link #countRow}, become dropped rows ({@link DropReason#TRACE_TOO_LARGE}), and the trace is counted
   * ({@link TraceCounter#TRACES_TOO_LARGE}). Nothing of it reaches the links or the analyses.
   */
  public DaySummary dropTooLargeTrace(long rows) {
    dropped[DropReason.TRACE_TOO_LARGE.ordinal()] += rows;
    counters.merge(TraceCounter.TRACES_TOO_LARGE, 1L, Long::sum);
    return this;
  }

  /** Counts span links of a row read whose ids could not be read ({@link LinkedMessages.Count#LINKS_UNREADABLE}). */
  public DaySummary countUnreadableLinks(long links) {
    if (!linksOnly) linked.countUnreadable(links);
    return this;
  }

  /** Adds one trace under the tree's id (a tree built without one has the zero id, as in some tests). */
  public DaySummary addTrace(TraceTree tree) {
    return addTrace(tree.traceHigh(), tree.traceLow(), tree);
  }

  /** Adds one trace without span links: counted for the day it belongs to, the rest only when it is this day. */
  public DaySummary addTrace(long traceHigh, long traceLow, TraceTree tree) {
    return addTrace(traceHigh, traceLow, tree, TraceLinks.NONE);
  }

  /**
   * Adds one trace with its span links: counted for the day it belongs to, its links and analyses only when that day
   * is this one (the id must be the tree's: the traffic's examples and the analyses' name the same trace); the
   * spans of it that consumers link to are kept whatever its day ({@link LinkedMessages}).
   */
  public DaySummary addTrace(long traceHigh, long traceLow, TraceTree tree, TraceLinks spanLinks) {
    if (tree.traceHigh() != traceHigh || tree.traceLow() != traceLow) {
      throw new IllegalArgumentException("trace " + HexIds.toHex(traceHigh, traceLow) + " is not the tree's id "
          + HexIds.toHex(tree.traceHigh(), tree.traceLow()));
    }
    DayWindow.Placement placement = window.place(tree.earliestStartNanos());
    TraceCounter.of(tree, placement).forEach((counter, n) -> counters.merge(counter, n, Long::sum));
    boolean ofTheDay = placement == DayWindow.Placement.THIS_DAY;
    if (!linksOnly) linked.addTrace(traceHigh, traceLow, tree, spanLinks, ofTheDay);
    if (ofTheDay) {
      links.putTrace(tree);
      for (SpanNode node : tree.breadthFirst()) {
        if (node.span().hasService()) services.add(node.span().service());
      }
      boolean slowestOfAnEdge = false;
      if (!linksOnly) {
        traffic.addTrace(tree, spanLinks);
        slowestOfAnEdge = traffic.lastTraceSlowestOfAnEdge();
      }
      analyses.add(traceHigh, traceLow, tree, slowestOfAnEdge);
      if (analyses.exemplars().edgePoolNeedsPruning()) pruneExemplars();
    }
    trafficWithLinks = null;
    return this;
  }

  /** Adds another summary of the same day (of other traces) into this one. */
  public DaySummary merge(DaySummary other) {
    if (!window.equals(other.window)) throw new IllegalArgumentException("different days: " + window + ", " + other.window);
    rowsRead += other.rowsRead;
    for (int i = 0; i < dropped.length; i++) dropped[i] += other.dropped[i];
    for (int i = 0; i < repairs.length; i++) repairs[i] += other.repairs[i];
    other.counters.forEach((counter, n) -> counters.merge(counter, n, Long::sum));
    links.merge(other.links);
    services.addAll(other.services);
    analyses.merge(other.analyses);
    traffic.merge(other.traffic);
    linked.merge(other.linked);
    trafficWithLinks = null;
    pruneExemplars();
    return this;
  }

  /** Keeps only the edge exemplars' trees that the edges' slowest examples still name. */
  private void pruneExemplars() {
    analyses.exemplars().retainEdgeTraces(traffic.slowestTraceIds());
  }

  /** A partial summary leaves its task pruned: it carries no tree its edges no longer name. */
  @Serial
  private void writeObject(ObjectOutputStream out) throws IOException {
    pruneExemplars();
    out.defaultWriteObject();
  }

  /** Input rows read (in the day and its grace periods). */
  public long rowsRead() {
    return rowsRead;
  }

  /** Dropped rows by reason, every reason listed. */
  public Map<DropReason, Long> dropped() {
    Map<DropReason, Long> all = new EnumMap<>(DropReason.class);
    for (DropReason r : DropReason.values()) all.put(r, dropped[r.ordinal()]);
    return all;
  }

  /** Repaired rows by repair, every repair listed. */
  public Map<Repair, Long> repairs() {
    Map<Repair, Long> all = new EnumMap<>(Repair.class);
    for (Repair r : Repair.values()) all.put(r, repairs[r.ordinal()]);
    return all;
  }

  /** Every counter, zero included. */
  public Map<TraceCounter, Long> counters() {
    Map<TraceCounter, Long> all = new EnumMap<>(TraceCounter.class);
    for (TraceCounter c : TraceCounter.values()) all.put(c, counters.getOrDefault(c, 0L));
    return all;
  }

  /** Names of the services that wrote spans in the day's traces, sorted. */
  public Set<String> services() {
    return java.util.Collections.unmodifiableSortedSet(new TreeSet<>(services));
  }

  /** Error origins, critical paths and trace quality of the day's traces. */
  public TraceAnalyses analyses() {
    return analyses;
  }

  /** The day's dependency links, sorted by parent then child. */
  public List<DependencyLink> links() {
    return links.links();
  }

  /**
   * The day's example traces ({@link Exemplars#select}): per entry point its slowest trace and one near its median,
   * per error-origin path one failed trace, per traffic edge the traces of its slowest calls. Empty with
   * {@code --links-only}.
   */
  public List<Exemplar> exemplars() {
    if (linksOnly) return List.of();
    pruneExemplars();
    return analyses.exemplars().select(traffic()); // the edges' examples as the edges table has them
  }

  /**
   * The day's call frequencies and latencies per edge, service, operation, operation edge and entry point, with the
   * messages consumers received through span links ({@link #linkedMessages}). Do not change the result: it may be
   * this summary's own state.
   */
  public TrafficSummary traffic() {
    if (trafficWithLinks == null) {
      LinkedMessages.Resolution resolution = linked.resolve();
      trafficWithLinks = resolution.calls().isEmpty() ? traffic
          : new TrafficSummary().merge(traffic).addLinkedCalls(resolution.calls());
    }
    return trafficWithLinks;
  }

  /** The day's span links: what they came to ({@link LinkedMessages.Count}), and the messages. */
  public LinkedMessages.Resolution linkedMessages() {
    return linked.resolve();
  }
}
