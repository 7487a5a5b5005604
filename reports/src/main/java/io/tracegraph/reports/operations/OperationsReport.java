package io.tracegraph.reports.operations;

import io.tracegraph.model.CallPatterns;
import io.tracegraph.model.LinkedMessages;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the day's report and {@code graph.json} show below the service level: the operation graph, the call patterns
 * worth a look, and what the span links came to.
 *
 * @param graph the operation graph
 * @param patterns the call patterns ({@code call_patterns}), in table order
 * @param nPlusOne the calls in sequence that made an N+1 loop ({@code --n-plus-one})
 * @param linkCounts what the day's span links came to ({@link LinkedMessages.Count}, every count listed)
 */
public record OperationsReport(OperationGraphView graph, List<CallPatterns.Finding> patterns, int nPlusOne,
                               Map<LinkedMessages.Count, Long> linkCounts) {
  public OperationsReport {
    Objects.requireNonNull(graph, "graph == null");
    patterns = List.copyOf(patterns);
    EnumMap<LinkedMessages.Count, Long> counts = new EnumMap<>(LinkedMessages.Count.class);
    for (LinkedMessages.Count c : LinkedMessages.Count.values()) counts.put(c, linkCounts.getOrDefault(c, 0L));
    linkCounts = Collections.unmodifiableMap(counts);
  }

  /** Span links read in the day's traces. */
  public long links() {
    return linkCounts.get(LinkedMessages.Count.LINKS);
  }
}
