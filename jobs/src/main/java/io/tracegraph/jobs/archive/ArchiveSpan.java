package io.tracegraph.jobs.archive;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One row of span archive v1 as the importers write it: ids already normalised (lower-case hex, trace id 32 digits,
 * span ids 16), kind and status in their canonical spelling, times in Unix nanoseconds. Maps are sorted so the same
 * input gives the same bytes.
 */
public record ArchiveSpan(String traceId, String spanId, String parentSpanId, String serviceName, String name,
                          String kind, long startNanos, long endNanos, String statusCode, String statusMessage,
                          SortedMap<String, String> attributes, SortedMap<String, String> resourceAttributes,
                          List<Link> links) {

  /** A link to another span ({@code links} column). */
  public record Link(String traceId, String spanId) {}

  public ArchiveSpan {
    Objects.requireNonNull(traceId, "traceId == null");
    Objects.requireNonNull(spanId, "spanId == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(statusCode, "statusCode == null");
    attributes = sorted(attributes);
    resourceAttributes = sorted(resourceAttributes);
    links = links == null ? List.of() : List.copyOf(links);
  }

  private static SortedMap<String, String> sorted(Map<String, String> m) {
    TreeMap<String, String> copy = new TreeMap<>();
    if (m != null) m.forEach((k, v) -> {
      if (k != null && v != null) copy.put(k, v);
    });
    return copy;
  }
}
