package io.tracegraph.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A node of a trace tree: a span, its parent and its children in start-time order. The root of a trace whose
 * spans do not meet in one root is synthetic: it has no span ({@link #isSynthetic()}) and holds the real roots
 * and the orphans as children. Built only by {@link TraceTree}.
 */
public final class SpanNode {
  static final Comparator<SpanNode> BY_START =
      Comparator.<SpanNode>comparingLong(n -> n.span.startNanos())
          .thenComparing(n -> n.span.spanId(), Long::compareUnsigned); // ties in hex order of the id

  private final Span span;
  private SpanNode parent;
  private List<SpanNode> children; // null until the first child: most spans are leaves
  private Span remoteAncestor; // memo of nearestRemoteAncestor(), valid when remoteAncestorKnown
  private boolean remoteAncestorKnown;
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
   * The nearest ancestor whose span has a remote kind (SERVER, CLIENT, PRODUCER, CONSUMER), skipping INTERNAL and
   * UNSPECIFIED spans and the synthetic root; null when there is none.
   */
  public Span nearestRemoteAncestor() {
    if (remoteAncestorKnown) return remoteAncestor;
    // Climb to the first remote parent, or to a node whose answer is known, then record the answer on every node
    // climbed: they all share it, since no remote span lies between them. Without this, every span under a long
    // chain of INTERNAL spans would climb the whole chain again, costing depth x spans on deep traces.
    List<SpanNode> climbed = new ArrayList<>();
    Span found = null;
    for (SpanNode n = this; ; n = n.parent) {
      if (n.remoteAncestorKnown) {
        found = n.remoteAncestor;
        break;
      }
      climbed.add(n);
      SpanNode p = n.parent;
      if (p == null) break;
      if (p.span != null && p.span.kind().isRemote()) {
        found = p.span;
        break;
      }
    }
    for (SpanNode n : climbed) {
      n.remoteAncestor = found;
      n.remoteAncestorKnown = true;
    }
    return found;
  }

  /** Rows that repeated this span's id and were merged into it (0 for a span read once). */
  public int duplicateRows() {
    return duplicateRows;
  }

  /**
   * True when the span names a parent but does not hang under it: an orphan (its parent is not in the trace) or a
   * span cut out of a parent cycle. Such spans hang under the root by Zipkin's rule, which is not their caller.
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
