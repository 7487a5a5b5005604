package io.tracegraph.model;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The operation graph of a set of traces: the calls over every {@link OperationEdgeKey}, counted with the same
 * {@link EdgeCalls} as the service graph's edges and fed the same calls ({@link TrafficSummary} hands it each call it
 * counts), so summed per (caller, callee, connection type, via links) the operation edges equal the {@code edges}.
 * Mergeable: add traces ({@link #add} per call, {@link #endTrace} per trace), merge partial graphs of other traces.
 *
 * <p>Per call: one climb from the calling span to the request it serves (a few spans), one map lookup.
 */
public final class OperationGraph implements Serializable {
  @Serial private static final long serialVersionUID = 1L;

  private final Map<OperationEdgeKey, EdgeCalls> edges = new HashMap<>();
  private transient List<EdgeCalls> touched; // the edges the current trace called over

  /**
   * Adds one call over {@code edge}; see {@link EdgeCalls#add} for the call's parameters.
   *
   * @param callerOperation the caller's operation ({@link #callerOperation}), or null
   */
  void add(EdgeKey edge, String callerOperation, Span client, Span server, Span at, boolean error, long weight,
           long traceHigh, long traceLow) {
    OperationEdgeKey key = OperationEdgeKey.of(edge, callerOperation, calleeOperation(client, server, at));
    EdgeCalls calls = edges.computeIfAbsent(key, k -> new EdgeCalls());
    if (calls.add(edge.type() == ConnectionType.MESSAGING, client, server, at, error, weight, traceHigh, traceLow)) {
      if (touched == null) touched = new ArrayList<>();
      touched.add(calls);
    }
  }

  /** Closes the current trace. */
  void endTrace() {
    if (touched == null) return;
    for (EdgeCalls c : touched) c.endTrace();
    touched.clear();
  }

  /** The callee operation of a call ({@link OperationEdgeKey}): the server side's name, else the client side's. */
  static String calleeOperation(Span client, Span server, Span at) {
    return (server != null ? server : client != null ? client : at).name();
  }

  /**
   * The caller operation of a call made under {@code callerNode} ({@link OperationEdgeKey}): the name of the span
   * of the request it serves, found by climbing through the spans of {@code callerNode}'s service to the first SERVER
   * or CONSUMER; null for a call without a caller span.
   */
  static String callerOperation(SpanNode callerNode) {
    Span serving = servingSpan(callerNode);
    return serving == null ? null : serving.name();
  }

  /**
   * The span of the request {@code node}'s service was serving at {@code node}: {@code node} itself when it is a
   * SERVER or CONSUMER, else the nearest such span above it in the same service, else the topmost span of the service
   * above it (a span whose parent was lost ends the climb: the span it was hung under is not its caller). When the
   * climb leaves the service for a span without a service name, the request is the nameless SERVER or CONSUMER the
   * link rules looked through there, if any ({@link SpanNode#lookedThrough()}): the process the CLIENTs below it name,
   * so the operation a caller calls on it is the one its calls are made from.
   */
  static Span servingSpan(SpanNode node) {
    if (node == null || node.isSynthetic()) return null;
    String service = node.span().service();
    Span top = node.span();
    for (SpanNode n = node; n != null && !n.isSynthetic(); n = n.parent()) {
      Span s = n.span();
      if (!s.service().equals(service)) {
        SpanNode nameless = s.hasService() ? null : node.lookedThrough();
        if (nameless != null) top = nameless.span();
        break;
      }
      top = s;
      if (s.kind() == SpanKind.SERVER || s.kind() == SpanKind.CONSUMER || n.isDetached()) break;
    }
    return top;
  }

  /** Adds another graph of other traces into this one. */
  public OperationGraph merge(OperationGraph other) {
    other.edges.forEach(this::mergeEdge);
    return this;
  }

  /** Merges one edge's calls (of other traces, or of a stored day). */
  public void mergeEdge(OperationEdgeKey key, EdgeCalls calls) {
    edges.computeIfAbsent(key, k -> new EdgeCalls()).merge(calls);
  }

  /** Every operation edge, in {@link OperationEdgeKey#ORDER}. */
  public SortedMap<OperationEdgeKey, EdgeCalls> edges() {
    SortedMap<OperationEdgeKey, EdgeCalls> sorted = new TreeMap<>(OperationEdgeKey.ORDER);
    sorted.putAll(edges);
    return Collections.unmodifiableSortedMap(sorted);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OperationGraph g && edges.equals(g.edges);
  }

  @Override
  public int hashCode() {
    return edges.size();
  }
}
