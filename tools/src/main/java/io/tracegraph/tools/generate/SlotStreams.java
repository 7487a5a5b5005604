package io.tracegraph.tools.generate;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiConsumer;

/** Streams the outputs of a partition's slots, one trace at a time: only the current trace's outputs are held. */
final class SlotStreams {
  private SlotStreams() {}

  static <T> Iterator<T> flatMap(GenerationPlan plan, Iterator<Long> slots,
                                 BiConsumer<SyntheticTrace, Collection<T>> outputs) {
    return new Iterator<>() {
      private final ArrayDeque<T> buffer = new ArrayDeque<>(64);

      @Override
      public boolean hasNext() {
        while (buffer.isEmpty() && slots.hasNext()) {
          SyntheticTrace trace = TraceSynthesizer.synthesize(plan, plan.slot(slots.next()));
          if (trace != null) outputs.accept(trace, buffer); // a batch slot without messages has no trace
        }
        return !buffer.isEmpty();
      }

      @Override
      public T next() {
        if (!hasNext()) throw new NoSuchElementException();
        return buffer.poll();
      }
    };
  }
}
