package io.tracegraph.model;

import java.util.Objects;

/**
 * One example trace chosen for a group of the day ({@link Exemplars}): a row of the {@code exemplars} table and a
 * waterfall in the report.
 *
 * @param kind why it was chosen
 * @param errorPath the error-origin path, for {@link Kind#ERROR_ORIGIN}; else null
 * @param edge the traffic edge, for {@link Kind#EDGE_SLOWEST}; else null
 * @param rank 1 for the entry and error exemplars; 1 to {@link TopTraces#LIMIT} for an edge's slowest traces,
 *     slowest first
 * @param edgeCallNanos for {@link Kind#EDGE_SLOWEST}: the call's end-to-end duration that ranked it; else null
 * @param entryP50Nanos for {@link Kind#ENTRY_P50}: the entry point's median duration the trace is nearest to; else null
 * @param trace the trace, kept whole or cut ({@link CompactTrace#REPORT_SPAN_LIMIT})
 */
public record Exemplar(Kind kind, ErrorOrigins.ErrorPath errorPath, EdgeKey edge, int rank, Long edgeCallNanos,
                       Long entryP50Nanos, CompactTrace trace) {
  /** Why an exemplar was kept. */
  public enum Kind {
    /** The entry point's slowest trace (root duration; ties: the smaller trace id). */
    ENTRY_SLOWEST("entry_slowest"),
    /** A trace of the entry point near its median duration: the baseline to compare the slowest with. */
    ENTRY_P50("entry_p50"),
    /** One failed trace with the error-origin path. */
    ERROR_ORIGIN("error_origin"),
    /** One of the traffic edge's slowest calls (the traces of the {@code edges} table's slowest examples). */
    EDGE_SLOWEST("edge_slowest");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The spelling in the table and the report. */
    public String key() {
      return key;
    }
  }

  public Exemplar {
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(trace, "trace == null");
    if ((kind == Kind.ERROR_ORIGIN) != (errorPath != null)) throw new IllegalArgumentException("errorPath for " + kind);
    if ((kind == Kind.EDGE_SLOWEST) != (edge != null)) throw new IllegalArgumentException("edge for " + kind);
  }

  public TraceId traceId() {
    return trace.id();
  }

  /** The trace's entry point (its root span's service and operation), or null when it has no single root. */
  public EntryPointKey entry() {
    return trace.entry();
  }
}
