package io.tracegraph.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Derives service dependency links from trace trees, following Zipkin's {@code DependencyLinker} adapted to
 * OpenTelemetry spans. For each span, by kind:
 * <ul>
 *   <li>SERVER: nearest remote ancestor's service → span's service; without a remote ancestor, the span's remote
 *       peer → service (a root SERVER called by an uninstrumented client, or one whose caller was lost); neither: no
 *       link. An ERROR on the span, or on its CLIENT parent when that parent is its direct parent, counts as an
 *       error.</li>
 *   <li>CONSUMER: broker → service, the broker being the span's remote peer, else its PRODUCER ancestor's; without
 *       a broker name, a non-PRODUCER remote ancestor's service → service; else no link. Never producer →
 *       consumer directly.</li>
 *   <li>PRODUCER: service → broker (its remote peer); no broker name: no link.</li>
 *   <li>CLIENT: when a span below it other than INTERNAL spans of its own service records the call (looking
 *       through those INTERNAL spans), no link of its own: that span makes it. Otherwise (a leaf CLIENT, or one with
 *       only local INTERNAL children such as connect or DNS spans): service → remote peer
 *       (uninstrumented database, cache, external API); no peer: no link. Any CLIENT whose service differs from
 *       its nearest remote ancestor's adds ancestor → client service without error (a server span is missing).</li>
 *   <li>INTERNAL: never a link, and skipped by the ancestor search.</li>
 *   <li>UNSPECIFIED (formats without kinds): parent span's service → span's service when they differ (not when the
 *       parent is missing: the span it hangs under is not its parent).</li>
 * </ul>
 * <b>No phantom callers.</b> A span whose parent is missing hangs under the trace's root (or a synthetic root) only
 * for the tree's sake: the ancestor search stops at it ({@link SpanNode#callerLost()}), so neither it nor the spans
 * under it ever take that root as their caller. It links only from what it says itself (a SERVER or CONSUMER naming
 * a remote peer); {@link CallFinder} counts the rest. <b>No invented names.</b> A link needs both services named: a
 * span without a service name ({@link Span#NO_SERVICE}, once {@link TraceTree} attributed what it could) makes no
 * link on either side. SERVER and CONSUMER spans without a name make no link and are looked through by the ancestor
 * search, so the calls below them find their real caller, never a self-link of it. Their process is named by the
 * CLIENTs they run: the first CLIENT of each service below one records its hop by the SERVER or CONSUMER rule, once,
 * as that service ({@link SpanNode#namesLookedThroughProcess()}); the other CLIENTs below it backfill nothing.
 *
 * <p>Every hop counts once: two calls A→B in one trace are two calls. Service names are kept as given.
 */
public final class DependencyLinker implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<LinkKey, long[]> counts = new HashMap<>();

  private record LinkKey(String parent, String child) implements java.io.Serializable {}

  /** Adds the links of one trace. */
  public DependencyLinker putTrace(TraceTree tree) {
    for (SpanNode node : tree.breadthFirst()) linkSpan(node);
    return this;
  }

  private void linkSpan(SpanNode node) {
    Span span = node.span();
    switch (span.kind()) {
      case SERVER -> {
        if (span.hasService() || !node.hopRecordedBelow()) linkServer(node, span.service());
      }
      case CONSUMER -> {
        if (span.hasService() || !node.hopRecordedBelow()) linkConsumer(node, span.service());
      }
      case PRODUCER -> {
        if (span.peer() != null) add(span.service(), span.peer(), span.error());
      }
      case CLIENT -> {
        SpanNode nameless = node.lookedThrough();
        if (nameless != null) { // the hop's server side is present but nameless: this CLIENT may name its process
          if (node.namesLookedThroughProcess()) {
            if (nameless.span().kind() == SpanKind.SERVER) linkServer(nameless, span.service());
            else linkConsumer(nameless, span.service());
          }
        } else {
          Span ancestor = node.nearestRemoteAncestor();
          if (ancestor != null && !ancestor.service().equals(span.service())) {
            add(ancestor.service(), span.service(), false); // backfill: the server span of this hop is missing
          }
        }
        if (span.peer() != null && !hasCalleeBelow(node)) add(span.service(), span.peer(), span.error());
      }
      case UNSPECIFIED -> {
        Span parent = node.parentSpan();
        if (parent != null && !node.isDetached() && !parent.service().equals(span.service())) {
          add(parent.service(), span.service(), span.error());
        }
      }
      case INTERNAL -> { }
    }
  }

  /** The link into SERVER {@code node}, whose service is {@code callee} (its own, or named by a CLIENT below it). */
  private void linkServer(SpanNode node, String callee) {
    Span span = node.span();
    Span ancestor = node.nearestRemoteAncestor();
    String caller = ancestor != null ? ancestor.service() : span.peer();
    if (caller == null) return;
    Span parent = node.parentSpan();
    boolean clientFailed = parent != null && parent == ancestor && parent.kind() == SpanKind.CLIENT && parent.error();
    add(caller, callee, span.error() || clientFailed);
  }

  /** The link into CONSUMER {@code node}, whose service is {@code callee}. */
  private void linkConsumer(SpanNode node, String callee) {
    Span span = node.span();
    Span ancestor = node.nearestRemoteAncestor();
    boolean underProducer = ancestor != null && ancestor.kind() == SpanKind.PRODUCER;
    String broker = span.peer() != null ? span.peer() : underProducer ? ancestor.peer() : null;
    if (broker != null) add(broker, callee, span.error());
    else if (ancestor != null && !underProducer) add(ancestor.service(), callee, span.error());
  }

  /**
   * True when the call is recorded below this CLIENT: looking through INTERNAL spans of the client's own service
   * (connect, DNS, serialization), any other span is taken to record the called side, and makes the link.
   */
  static boolean hasCalleeBelow(SpanNode client) {
    String service = client.span().service();
    ArrayDeque<SpanNode> local = new ArrayDeque<>(List.of(client));
    while (!local.isEmpty()) {
      for (SpanNode child : local.pop().children()) {
        Span c = child.span();
        if (c.kind() != SpanKind.INTERNAL || !c.service().equals(service)) return true;
        local.push(child);
      }
    }
    return false;
  }

  /** Counts one link, unless a side has no service name ({@link CallFinder} counts those calls). */
  private void add(String parent, String child, boolean error) {
    if (parent.isEmpty() || child.isEmpty()) return;
    long[] c = counts.computeIfAbsent(new LinkKey(parent, child), k -> new long[2]);
    c[0]++;
    if (error) c[1]++;
  }

  /** Adds the links counted by another linker (of other traces). */
  public DependencyLinker merge(DependencyLinker other) {
    other.counts.forEach((key, c) -> {
      long[] mine = counts.computeIfAbsent(key, k -> new long[2]);
      mine[0] += c[0];
      mine[1] += c[1];
    });
    return this;
  }

  /** The links added so far, sorted by parent then child. */
  public List<DependencyLink> links() {
    List<DependencyLink> links = new ArrayList<>(counts.size());
    counts.forEach((k, c) -> links.add(new DependencyLink(k.parent(), k.child(), c[0], c[1])));
    links.sort(DependencyLink.ORDER);
    return links;
  }

  /** Convenience: the links of a single trace. */
  public static List<DependencyLink> linksOf(List<Span> spans) {
    return new DependencyLinker().putTrace(TraceTree.build(new ArrayList<>(spans))).links();
  }
}
