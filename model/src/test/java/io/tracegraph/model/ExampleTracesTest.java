package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Example trace ids: the k smallest, whatever the order and split in which ids arrive. */
class ExampleTracesTest {
  @Test
  void keepsTheSmallestIdsInAnyOrderAndSplit() {
    Random random = new Random(2);
    List<long[]> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) ids.add(new long[] {random.nextLong(), random.nextLong()});
    ids.add(ids.get(3)); // a repeat is kept once
    List<String> expected = new ArrayList<>();
    for (long[] id : ids) expected.add(HexIds.toHex(id[0], id[1])); // hex order is unsigned order
    expected = new ArrayList<>(new java.util.TreeSet<>(expected)).subList(0, 5);
    for (int round = 0; round < 10; round++) {
      Collections.shuffle(ids, random);
      ExampleTraces a = new ExampleTraces();
      ExampleTraces b = new ExampleTraces();
      for (int i = 0; i < ids.size(); i++) (i % 3 == 0 ? a : b).add(ids.get(i)[0], ids.get(i)[1]);
      b.merge(a);
      assertEquals(expected, b.hexIds(), "round " + round);
    }
  }

  @Test
  void fewerIdsThanTheLimit() {
    ExampleTraces e = new ExampleTraces(3);
    e.add(0, 9);
    e.add(0, 2);
    e.add(0, 9);
    assertEquals(List.of(HexIds.toHex(0, 2), HexIds.toHex(0, 9)), e.hexIds());
  }
}
