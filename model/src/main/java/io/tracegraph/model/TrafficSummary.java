package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Call frequencies and latency distributions of a set of traces, for every edge, service, operation, operation edge
 * ({@link OperationGraph}) and entry point: the state behind the {@code edges}, {@code services}, {@code operations},
 * {@code operation_edges}, {@code entry_points} and {@code totals} tables. Mergeable like {@link DaySummary}, which holds one: add each trace once ({@link #addTrace}), merge partial
 * summaries of other traces ({@link #merge}); neither order nor split changes the result. Rollups merge stored days
 * the same way ({@code merge*} methods), so a range equals one summary of all its traces.
 *
 * <p>Per span: one service and one operation lookup, the self time, and the calls the span records
 * ({@link CallFinder}). Per call: one edge lookup. Spans without a service name ({@link Span#NO_SERVICE}) belong to no
 * service or operation and make no edge; they count in the totals only (and in {@link TraceQuality}). The state per key is compact (sketches, 24 hourly counts, minute
 * counts only over the minutes with calls, three examples), so a partition's summary stays small.
 *
 * <p>A service's <b>served requests</b> (its timeline, {@link SpanStats#served()}): its SERVER and CONSUMER spans,
 * and the root span of a trace with one root whatever its kind (an INTERNAL job, a CLIENT-rooted batch): the work
 * the service was asked to do, from outside or by a trace it started. So every entry point's request is also a
 * served request of its service. Top-level spans of traces without a single root (broken traces) count only when
 * SERVER or CONSUMER: their real parent may be missing.
 *
 * <p>Sampling: a span's weight is its own ({@link Span#samplingWeight()}), else its nearest ancestor's, else 1. A
 * call weighs what the span that found it weighs (the SERVER or CONSUMER span; for calls to uninstrumented peers
 * the CLIENT or PRODUCER span); a trace, what its earliest top-level span weighs. Latency distributions are of the
 * observed spans, unweighted.
 */
public final class TrafficSummary implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private final Map<EdgeKey, EdgeStats> edges = new HashMap<>();
  private final Map<String, SpanStats> services = new HashMap<>();
  private final Map<OperationKey, SpanStats> operations = new HashMap<>();
  private final Map<EntryPointKey, EntryPointStats> entryPoints = new HashMap<>();
  private final OperationGraph operationEdges = new OperationGraph();
  private long traces;
  private long tracesWeighted;
  private long spans;
  private long spansWeighted;
  private long spansWithSamplingWeight;

  /** Whether the last trace added entered the slowest examples of one of its edges (for {@link Exemplars}). */
  private transient boolean lastTraceSlowestOfAnEdge;

  /** Per-trace scratch state, reused from trace to trace. */
  private transient TraceScratch scratch;

  private static final class TraceScratch implements CallFinder.Sink {
    final List<EdgeStats> touchedEdges = new ArrayList<>();
    final List<SpanStats> touchedGroups = new ArrayList<>();
    SpanNode[] stack = new SpanNode[64];
    double[] stackWeights = new double[64];
    TrafficSummary summary;
    // Context of the span being visited.
    long weight;
    long dayStartNanos;
    long traceHigh;
    long traceLow;
    Span root;
    EntryPointStats entry;
    SpanStats operation;
    TraceLinks links = TraceLinks.NONE;

    @Override
    public void call(EdgeKey key, Span client, Span server, SpanNode callerNode, boolean error, Span at) {
      summary.addCall(this, key, client, server, callerNode, error, at);
    }

    @Override
    public boolean consumedThroughLinks(Span producer) {
      return links.isLinkedTo(producer.spanId());
    }

    @Override
    public boolean receivesThroughLinks(Span consumer) {
      return consumer.hasService() && links.linksOf(consumer.spanId()) != null;
    }
  }

  /** Adds one trace (of the day or range being summarised) without span links. */
  public TrafficSummary addTrace(TraceTree tree) {
    return addTrace(tree, TraceLinks.NONE);
  }

  /**
   * Adds one trace with its span links: a CONSUMER with links and a PRODUCER a consumer links to make no call of
   * their own here ({@link CallFinder.Sink}); their messages are added by {@link #addLinkedCalls}.
   */
  public TrafficSummary addTrace(TraceTree tree, TraceLinks links) {
    TraceScratch s = scratch();
    s.links = links;
    s.dayStartNanos = CallTimeline.dayStartOf(tree.earliestStartNanos());
    s.traceHigh = tree.traceHigh();
    s.traceLow = tree.traceLow();
    SpanNode top = tree.root();
    s.root = top.span();
    SpanNode first = top.isSynthetic() ? top.children().get(0) : top;
    double traceWeight = ownWeightOr1(first.span());
    traces++;
    tracesWeighted += SamplingWeight.fixed(traceWeight);
    s.entry = null;
    if (s.root != null && s.root.hasService()) { // a root without a service name is no one's entry point
      s.entry = entryPoints.computeIfAbsent(new EntryPointKey(s.root.service(), s.root.name()),
          k -> new EntryPointStats());
      s.entry.addRequest(s.root, SamplingWeight.fixed(traceWeight), s.dayStartNanos);
    }

    // Depth first, each span with the weight it inherits.
    int depth = 0;
    if (top.isSynthetic()) {
      for (SpanNode child : top.children()) depth = push(s, depth, child, 1);
    } else {
      depth = push(s, depth, top, 1);
    }
    double lastWeight = Double.NaN;
    long lastFixed = 0;
    while (depth > 0) {
      depth--;
      SpanNode node = s.stack[depth];
      double inherited = s.stackWeights[depth];
      s.stack[depth] = null;
      Span span = node.span();
      double weight = span.samplingWeight() != SamplingWeight.NONE ? span.samplingWeight() : inherited;
      if (weight != lastWeight) {
        lastWeight = weight;
        lastFixed = SamplingWeight.fixed(weight);
      }
      s.weight = lastFixed;
      addSpan(s, node, span);
      for (SpanNode child : node.children()) depth = push(s, depth, child, weight);
    }

    boolean slowest = false;
    for (EdgeStats e : s.touchedEdges) {
      e.endTrace();
      slowest = slowest || e.slowest().holds(s.traceHigh, s.traceLow);
    }
    lastTraceSlowestOfAnEdge = slowest;
    for (SpanStats g : s.touchedGroups) g.endTrace();
    operationEdges.endTrace();
    s.touchedEdges.clear();
    s.touchedGroups.clear();
    if (s.entry != null) s.entry.endRequest();
    s.entry = null;
    s.root = null;
    s.operation = null;
    s.links = TraceLinks.NONE;
    return this;
  }

  private static double ownWeightOr1(Span span) {
    return span.samplingWeight() != SamplingWeight.NONE ? span.samplingWeight() : 1;
  }

  private static int push(TraceScratch s, int depth, SpanNode node, double weight) {
    if (depth == s.stack.length) {
      s.stack = Arrays.copyOf(s.stack, depth * 2);
      s.stackWeights = Arrays.copyOf(s.stackWeights, depth * 2);
    }
    s.stack[depth] = node;
    s.stackWeights[depth] = weight;
    return depth + 1;
  }

  private void addSpan(TraceScratch s, SpanNode node, Span span) {
    spans++;
    spansWeighted += s.weight;
    if (span.samplingWeight() != SamplingWeight.NONE) spansWithSamplingWeight++;
    s.operation = null;
    if (span.hasService()) addServiceSpan(s, node, span);
    CallFinder.find(node, s);
  }

  /** A span's share of its service's and operation's statistics (spans without a service name have none). */
  private void addServiceSpan(TraceScratch s, SpanNode node, Span span) {
    long self = selfTimeNanos(node);
    SpanStats service = services.computeIfAbsent(span.service(), k -> new SpanStats());
    if (service.addSpan(span, s.weight, self, span.kind() == SpanKind.SERVER)) s.touchedGroups.add(service);
    if (span.kind() == SpanKind.SERVER || span.kind() == SpanKind.CONSUMER || span == s.root) {
      service.addServed(span.startNanos(), s.dayStartNanos);
    }
    SpanStats operation = operation(span);
    if (operation.addSpan(span, s.weight, self, true)) s.touchedGroups.add(operation);
    s.operation = operation;
  }

  private SpanStats operation(Span span) {
    return operations.computeIfAbsent(new OperationKey(span.service(), span.name(), span.kind()),
        k -> new SpanStats());
  }

  /** One call found while visiting a span (the server side, when there is one, is that span). */
  private void addCall(TraceScratch s, EdgeKey key, Span client, Span server, SpanNode callerNode, boolean error,
                       Span at) {
    EdgeStats edge = edges.computeIfAbsent(key, k -> new EdgeStats());
    if (edge.addCall(key.type() == ConnectionType.MESSAGING, client, server, at, error, s.weight, s.dayStartNanos,
        s.traceHigh, s.traceLow)) {
      s.touchedEdges.add(edge);
    }
    operationEdges.add(key, OperationGraph.callerOperation(callerNode), client, server, at, error, s.weight,
        s.traceHigh, s.traceLow);
    // Services' callers and callees come from the edges ({@link #callersOf}); operations' are collected here.
    if (server != null && server == at) s.operation.addCaller(key.caller()); // a nameless server has no operation
    // The callee is also called by every operation of the caller's service the call was made under: up from the
    // calling span through its own service's spans, to the request (SERVER or CONSUMER) it serves.
    for (SpanNode n = callerNode; n != null && !n.isSynthetic(); n = n.parent()) {
      Span c = n.span();
      if (!c.service().equals(callerNode.span().service())) break;
      operation(c).addCallee(key.callee());
      if (c.kind() == SpanKind.SERVER || c.kind() == SpanKind.CONSUMER) break;
    }
    if (s.entry != null && server != s.root) s.entry.addDownstreamCall(key.callee());
  }

  /**
   * Adds the day's messages received through span links ({@link LinkedMessages#resolve}), grouped by consumer trace:
   * to the edges and operation edges (via links), the consumer operations' callers and the producer operations'
   * callees. Entry points' downstream calls count the calls inside their own traces only, so they get none.
   */
  public TrafficSummary addLinkedCalls(List<LinkedMessages.Call> calls) {
    List<EdgeStats> touched = new ArrayList<>();
    long high = 0;
    long low = 0;
    for (LinkedMessages.Call c : calls) {
      if (!touched.isEmpty() && (c.traceHigh() != high || c.traceLow() != low)) endLinkedTrace(touched);
      high = c.traceHigh();
      low = c.traceLow();
      Span consumer = c.consumer();
      EdgeStats edge = edges.computeIfAbsent(c.key(), k -> new EdgeStats());
      if (edge.addCall(true, c.producer(), consumer, consumer, consumer.error(), c.weight(), c.dayStartNanos(), high,
          low)) {
        touched.add(edge);
      }
      operationEdges.add(c.key(), c.callerOperation(), c.producer(), consumer, consumer, consumer.error(), c.weight(),
          high, low);
      operation(consumer).addCaller(c.key().caller());
      for (OperationKey op : c.callerOperations()) {
        operations.computeIfAbsent(op, k -> new SpanStats()).addCallee(c.key().callee());
      }
    }
    endLinkedTrace(touched);
    return this;
  }

  private void endLinkedTrace(List<EdgeStats> touched) {
    for (EdgeStats e : touched) e.endTrace();
    touched.clear();
    operationEdges.endTrace();
  }

  /** A span's duration not covered by any of its children (children clipped to the span). */
  static long selfTimeNanos(SpanNode node) {
    Span span = node.span();
    long covered = 0;
    long cursor = span.startNanos();
    for (SpanNode child : node.children()) { // in start order
      long from = Math.max(child.span().startNanos(), cursor);
      long to = Math.min(child.span().endNanos(), span.endNanos());
      if (to > from) {
        covered += to - from;
        cursor = to;
      }
    }
    return span.durationNanos() - covered;
  }

  private TraceScratch scratch() {
    if (scratch == null) {
      scratch = new TraceScratch();
      scratch.summary = this;
    }
    return scratch;
  }

  /** True when the trace added last is now among the slowest examples of one of its edges. */
  public boolean lastTraceSlowestOfAnEdge() {
    return lastTraceSlowestOfAnEdge;
  }

  /** The traces of every edge's slowest examples: the trees {@link Exemplars} must keep for the edges. */
  public Set<TraceId> slowestTraceIds() {
    Set<TraceId> ids = new HashSet<>();
    for (EdgeStats e : edges.values()) {
      for (TopTraces.Example x : e.slowest().examples()) ids.add(new TraceId(x.traceHigh(), x.traceLow()));
    }
    return ids;
  }

  /** Adds another summary of other traces into this one. */
  public TrafficSummary merge(TrafficSummary other) {
    other.edges.forEach(this::mergeEdge);
    other.services.forEach(this::mergeService);
    other.operations.forEach(this::mergeOperation);
    other.entryPoints.forEach(this::mergeEntryPoint);
    operationEdges.merge(other.operationEdges);
    mergeTotals(other.totals());
    return this;
  }

  /** Merges one operation edge's calls (of other traces, or of a stored day). */
  public void mergeOperationEdge(OperationEdgeKey key, EdgeCalls calls) {
    operationEdges.mergeEdge(key, calls);
  }

  /** Merges one edge's statistics (of other traces, or of a stored day). */
  public void mergeEdge(EdgeKey key, EdgeStats stats) {
    edges.computeIfAbsent(key, k -> new EdgeStats()).merge(stats);
  }

  public void mergeService(String service, SpanStats stats) {
    services.computeIfAbsent(service, k -> new SpanStats()).merge(stats);
  }

  public void mergeOperation(OperationKey key, SpanStats stats) {
    operations.computeIfAbsent(key, k -> new SpanStats()).merge(stats);
  }

  public void mergeEntryPoint(EntryPointKey key, EntryPointStats stats) {
    entryPoints.computeIfAbsent(key, k -> new EntryPointStats()).merge(stats);
  }

  public void mergeTotals(TrafficTotals t) {
    traces += t.traces();
    tracesWeighted += t.tracesWeighted();
    spans += t.spans();
    spansWeighted += t.spansWeighted();
    spansWithSamplingWeight += t.spansWithSamplingWeight();
  }

  public TrafficTotals totals() {
    return new TrafficTotals(traces, tracesWeighted, spans, spansWeighted, spansWithSamplingWeight);
  }

  /** The distinct callers of {@code service} over all edges (services and uninstrumented callers), sorted. */
  public List<String> callersOf(String service) {
    TreeSet<String> callers = new TreeSet<>();
    for (EdgeKey e : edges.keySet()) if (e.callee().equals(service)) callers.add(e.caller());
    return List.copyOf(callers);
  }

  /** The distinct callees of {@code service} over all edges (services and uninstrumented peers), sorted. */
  public List<String> calleesOf(String service) {
    TreeSet<String> callees = new TreeSet<>();
    for (EdgeKey e : edges.keySet()) if (e.caller().equals(service)) callees.add(e.callee());
    return List.copyOf(callees);
  }

  /** Every edge, in {@link EdgeKey#ORDER}. */
  public SortedMap<EdgeKey, EdgeStats> edges() {
    SortedMap<EdgeKey, EdgeStats> sorted = new TreeMap<>(EdgeKey.ORDER);
    sorted.putAll(edges);
    return Collections.unmodifiableSortedMap(sorted);
  }

  /** Every service with spans, by name. Their callers and callees are in {@link #callersOf} and {@link #calleesOf}. */
  public SortedMap<String, SpanStats> services() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(services));
  }

  /** Every operation, in {@link OperationKey#ORDER}. */
  public SortedMap<OperationKey, SpanStats> operations() {
    SortedMap<OperationKey, SpanStats> sorted = new TreeMap<>(OperationKey.ORDER);
    sorted.putAll(operations);
    return Collections.unmodifiableSortedMap(sorted);
  }

  /** Every operation edge ({@link OperationGraph}), in {@link OperationEdgeKey#ORDER}. */
  public SortedMap<OperationEdgeKey, EdgeCalls> operationEdges() {
    return operationEdges.edges();
  }

  /** Every entry point (root service and operation of the traces that have one root), in order. */
  public SortedMap<EntryPointKey, EntryPointStats> entryPoints() {
    SortedMap<EntryPointKey, EntryPointStats> sorted = new TreeMap<>(EntryPointKey.ORDER);
    sorted.putAll(entryPoints);
    return Collections.unmodifiableSortedMap(sorted);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrafficSummary t && edges.equals(t.edges) && services.equals(t.services)
        && operations.equals(t.operations) && entryPoints.equals(t.entryPoints)
        && operationEdges.equals(t.operationEdges) && totals().equals(t.totals());
  }

  @Override
  public int hashCode() {
    return totals().hashCode();
  }
}
