package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The spans consumers link to ({@link LinkTargets}) and one trace's links ({@link TraceLinks}). */
class LinkTargetsTest {
  /** Triples in any order, repeated: each trace's linked span ids come back once, ascending; unknown traces: none. */
  @Test
  void aTracesLinkedSpansAreABinarySearchAway() {
    LinkTargets targets = LinkTargets.of(new long[] {
        5, 1, 30, -2, 7, 1, 5, 1, 10, 5, 1, 30, 5, 2, 1, Long.MIN_VALUE, 0, 9});
    assertEquals(5, targets.size(), "one repeat dropped");
    assertArrayEquals(new long[] {10, 30}, targets.spanIdsOf(5, 1));
    assertArrayEquals(new long[] {1}, targets.spanIdsOf(5, 2));
    assertArrayEquals(new long[] {1}, targets.spanIdsOf(-2, 7), "negative halves (ids above 2^63) sort too");
    assertArrayEquals(new long[] {9}, targets.spanIdsOf(Long.MIN_VALUE, 0));
    assertNull(targets.spanIdsOf(5, 3));
    assertNull(targets.spanIdsOf(6, 1));
    assertTrue(LinkTargets.NONE.isEmpty());
    assertNull(LinkTargets.NONE.spanIdsOf(5, 1));
    assertThrows(IllegalArgumentException.class, () -> LinkTargets.of(new long[] {1, 2}));
  }

  /** Rows repeating a span id add their links, each link once; a trace with neither links nor targets is NONE. */
  @Test
  void aTracesLinksMergeRepeatedRows() {
    assertSame(TraceLinks.NONE, TraceLinks.builder().linked(null).build());
    assertSame(TraceLinks.NONE, TraceLinks.builder().add(3, new long[0]).build());
    TraceLinks links = TraceLinks.builder()
        .add(20, new long[] {1, 1, 100})
        .add(10, new long[] {1, 2, 200})
        .add(20, new long[] {1, 1, 100, 1, 3, 300})
        .linked(new long[] {40, 10})
        .build();
    assertArrayEquals(new long[] {1, 1, 100, 1, 3, 300}, links.linksOf(20));
    assertArrayEquals(new long[] {1, 2, 200}, links.linksOf(10));
    assertNull(links.linksOf(30));
    assertTrue(links.isLinkedTo(10));
    assertTrue(links.isLinkedTo(40));
    assertFalse(links.isLinkedTo(20));
    assertTrue(links.hasLinks() && links.hasLinkedSpans());
    TraceLinks onlyLinked = TraceLinks.builder().linked(new long[] {7}).build();
    assertFalse(onlyLinked.hasLinks());
    assertTrue(onlyLinked.isLinkedTo(7));
  }
}
