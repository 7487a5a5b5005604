package io.tracegraph.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a trace tree: a span, its parent and its children in start-time order. The root of a trace whose
 * spans do not meet in one root is synthetic: it has no span ({@link #isSynthetic()}) and holds the real roots
 * and the orphans as children. Built only by {@link TraceTree}.
 */
public final class SpanNode {
  static final Comparator<SpanNode> BY_START =
      Comparator.<SpanNode>comparingLong(n -> n.span.startNanos())
          .thenComparing(n -> n.span.spanId(), Long::compareUnsigned); // ties in hex order of the id

  private Span span; // replaced once while the tree is built when a span without a service name is attributed
  private SpanNode parent;
  private List<SpanNode> children; // null until the first child: most spans are leaves
  private SpanNode remoteAncestor; // memo of remoteAncestorNode(), callerLost() and lookedThrough, valid when known
  private SpanNode lookedThrough; // the lowest nameless SERVER or CONSUMER the ancestor search passed, or null
  private boolean callerLost;
  private Map<String, SpanNode> firstClients; // of a nameless SERVER or CONSUMER: see firstClients()
  private boolean remoteAncestorKnown;
  private boolean serviceAttributed;
  private int duplicateRows; // rows merged into this span beyond the first

  SpanNode(Span span) {
    this.span = span;
  }

  static SpanNode of(Span span, int duplicateRows) {
    SpanNode node = new SpanNode(span);
    node.duplicateRows = duplicateRows;
    return node;
  }

  /** The span, or null for a synthetic root. */
  public Span span() {
    return span;
  }

  public boolean isSynthetic() {
    return span == null;
  }

  /** The parent node, or null for the tree's root. */
  public SpanNode parent() {
    return parent;
  }

  /** The parent's span, or null when the parent is missing or synthetic. */
  public Span parentSpan() {
    return parent == null ? null : parent.span;
  }

  /** Children ordered by start time, then span id. */
  public List<SpanNode> children() {
    return children == null ? List.of() : Collections.unmodifiableList(children);
  }

  /**
   * The span of {@link #remoteAncestorNode()}, or null when there is none.
   */
  public Span nearestRemoteAncestor() {
    SpanNode node = remoteAncestorNode();
    return node == null ? null : node.span;
  }

  /**
   * The nearest ancestor that can be the calling side of this span's call: the first span above it of a remote kind
   * (SERVER, CLIENT, PRODUCER, CONSUMER), looking through INTERNAL and UNSPECIFIED spans, and through SERVER and
   * CONSUMER spans without a service name (they name no caller; the calls below them still belong to whoever called
   * them). Null when there is none: the span is at the top of its trace, or its caller was lost with its parent
   * ({@link #callerLost()}).
   */
  public SpanNode remoteAncestorNode() {
    if (!remoteAncestorKnown) findRemoteAncestor();
    return remoteAncestor;
  }

  /**
   * True when the ancestor search met a detached span ({@link #isDetached()}) before any caller: this span, or a
   * local span it runs under, lost its parent, so whoever called it is unknown. The root the detached span hangs
   * under for the tree's sake is never taken for that caller.
   */
  public boolean callerLost() {
    if (!remoteAncestorKnown) findRemoteAncestor();
    return callerLost;
  }

  private void findRemoteAncestor() {
    // Climb to the answer, or to a node whose answer is known, then record the answer on every node climbed: they
    // all share it, since every span between them was looked through. Without this, every span under a long chain
    // of INTERNAL spans would climb the whole chain again, costing depth x spans on deep traces.
    List<SpanNode> climbed = new ArrayList<>();
    SpanNode found = null;
    boolean lost = false;
    SpanNode above = null; // the lowest nameless span looked through above the topmost node climbed
    for (SpanNode n = this; ; n = n.parent) {
      if (n.remoteAncestorKnown) {
        found = n.remoteAncestor;
        lost = n.callerLost;
        above = isLookedThrough(n.span) ? n : n.lookedThrough;
        break;
      }
      climbed.add(n);
      if (n.isDetached()) {
        lost = true;
        break;
      }
      SpanNode p = n.parent;
      if (p == null || p.span == null) break;
      if (p.span.kind().isRemote() && !isLookedThrough(p.span)) {
        found = p;
        break;
      }
    }
    for (int i = climbed.size() - 1; i >= 0; i--) { // top down, to know what each one's search looks through
      SpanNode n = climbed.get(i);
      n.remoteAncestor = found;
      n.callerLost = lost;
      n.lookedThrough = above;
      n.remoteAncestorKnown = true;
      if (isLookedThrough(n.span)) above = n;
    }
  }

  /**
   * The SERVER or CONSUMER without a service name that the ancestor search looked through last (the lowest one above
   * this span, in its process's reach), or null when it looked through none.
   */
  SpanNode lookedThrough() {
    if (!remoteAncestorKnown) findRemoteAncestor();
    return lookedThrough;
  }

  /**
   * Whether this CLIENT names the process of the nameless SERVER or CONSUMER its ancestor search looked through
   * ({@link #lookedThrough()}): that span is the far side of a hop, present but nameless, and the CLIENTs it runs
   * say which service it is. The hop is one call, so only the first CLIENT of each service below it (depth first,
   * in start order) records it; the others made calls of their own within the same request.
   */
  public boolean namesLookedThroughProcess() {
    SpanNode nameless = lookedThrough();
    return nameless != null && span.hasService() && nameless.firstClients().get(span.service()) == this;
  }

  /**
   * Of a SERVER or CONSUMER without a service name: whether a CLIENT below it names its process and records its hop
   * ({@link #namesLookedThroughProcess()}). When none does, its hop is a call without service.
   */
  public boolean hopRecordedBelow() {
    for (String service : firstClients().keySet()) if (!service.isEmpty()) return true;
    return false;
  }

  /** Per service, the first CLIENT whose ancestor search looks through this nameless span. */
  private Map<String, SpanNode> firstClients() {
    if (firstClients == null) {
      // The spans whose search passes this one: below it through INTERNAL and UNSPECIFIED spans only.
      firstClients = new HashMap<>(2);
      ArrayDeque<SpanNode> stack = new ArrayDeque<>();
      for (int i = children().size() - 1; i >= 0; i--) stack.push(children.get(i));
      while (!stack.isEmpty()) {
        SpanNode d = stack.pop();
        if (d.isDetached()) continue; // an orphan hanging here for the tree's sake
        SpanKind kind = d.span.kind();
        if (kind == SpanKind.CLIENT) {
          firstClients.putIfAbsent(d.span.service(), d);
        } else if (!kind.isRemote()) {
          for (int i = d.children().size() - 1; i >= 0; i--) stack.push(d.children.get(i));
        }
      }
    }
    return firstClients;
  }

  /** A SERVER or CONSUMER without a service name: the far side of a call from nobody we can name. */
  private static boolean isLookedThrough(Span span) {
    return !span.hasService() && (span.kind() == SpanKind.SERVER || span.kind() == SpanKind.CONSUMER);
  }

  /**
   * True when the span was read without a service name and is named after the service it ran in (its parent's):
   * see {@link TraceTree}.
   */
  public boolean serviceAttributed() {
    return serviceAttributed;
  }

  /** True when the span was read without a service name, whether or not it was attributed to one. */
  public boolean readWithoutService() {
    return span != null && (serviceAttributed || !span.hasService());
  }

  void attributeTo(String service) {
    span = span.withService(service);
    serviceAttributed = true;
  }

  /** Rows that repeated this span's id and were merged into it (0 for a span read once). */
  public int duplicateRows() {
    return duplicateRows;
  }

  /**
   * True when the span names a parent but does not hang under it: an orphan (its parent is not in the trace) or a
   * span cut out of a parent cycle. Such spans hang under the root by Zipkin's rule for the tree's sake; the root
   * is not their caller, and the link rules never take it for one ({@link #callerLost()}).
   */
  public boolean isDetached() {
    if (span == null || !span.hasParent()) return false;
    return parent == null || parent.span == null || parent.span.spanId() != span.parentId();
  }

  void addChild(SpanNode child) {
    if (children == null) children = new ArrayList<>(2);
    children.add(child);
    child.parent = this;
  }

  void removeChild(SpanNode child) {
    children.remove(child);
    child.parent = null;
  }

  void sortChildren() {
    if (children != null && children.size() > 1) children.sort(BY_START);
  }

  @Override
  public String toString() {
    return span == null ? "SpanNode(synthetic root)" : "SpanNode(" + HexIds.toHex(span.spanId()) + ")";
  }
}
