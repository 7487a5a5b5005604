package io.tracegraph.tools.generate;

/**
 * What {@code --imperfections realistic} injects, and how often. Each imperfection is counted in
 * {@code _generator/summary.json} under the key given here, and flagged on the affected trace in
 * {@code _generator/traces}. Rates are per span unless stated; each span draws at most one row-level imperfection,
 * so the counts add up exactly.
 *
 * <p>Every realistic day also has one showcase trace ({@code GET /product/{id}}, without injected error) carrying
 * one of each row-level imperfection, broken propagation and a span on the skewed host, so even a tiny run shows
 * every imperfection, and at least one trace crossing midnight.
 */
public final class Imperfections {
  private Imperfections() {}

  /**
   * {@value}: a span's row is missing from the archive (an exporter dropped it); its children become orphans. Never a
   * trace's root, so the earliest span of every trace, which decides its day, is always there.
   */
  public static final double LOST_SPAN_RATE = 0.001;
  /** {@value}: a span's row is written twice, identical (an exporter retried a batch). */
  public static final double DUPLICATE_ROW_RATE = 0.002;
  /**
   * {@value} for each of three tolerated spellings: upper-case hex ids ({@code id_upper_case}), kind
   * {@code SPAN_KIND_SERVER} ({@code kind_spelling}), status {@code STATUS_CODE_ERROR} ({@code status_spelling}).
   * The keys are those of {@link io.tracegraph.model.Repair}.
   */
  public static final double RESPELLED_ROW_RATE = 0.002;
  /**
   * {@value} for each of two reasons: an extra copy of a span's row with an empty {@code span_id}
   * ({@code span_id_missing}), or with the end before the start ({@code end_before_start}). The span's good row is
   * written too, so a reader that drops the bad rows (as it must) loses nothing. The keys are those of
   * {@link io.tracegraph.model.DropReason}.
   */
  public static final double INVALID_ROW_RATE = 0.0003;
  /**
   * {@value}: a span's row has no service name (an exporter lost the resource), counted under the repair key
   * {@code service_missing} of {@link io.tracegraph.model.Repair}. Any span, a trace's root included.
   */
  public static final double SERVICE_MISSING_RATE = 0.0005;
  /**
   * {@value} per request served by {@code recommendation}: its outgoing calls lose the trace context. Each callee's
   * SERVER span, with everything under it, gets a new trace id but keeps its parent span id: a headless trace
   * (counted as {@code propagation_fragments}), and the original trace keeps a leaf CLIENT span.
   */
  public static final double BROKEN_PROPAGATION_RATE = 0.02;
  /**
   * {@value} of the day's traces, at least one: extra traces that start in the last seconds of the day, so their
   * later spans land in the next day's partition (they belong to the day of their earliest span).
   */
  public static final double CROSSING_MIDNIGHT_RATE = 0.0005;
  /** One inventory pod's clock runs ahead by {@value}..{@link #SKEW_MAX_MILLIS} ms (fixed per day). */
  public static final int SKEW_MIN_MILLIS = 30;
  public static final int SKEW_MAX_MILLIS = 300;

  /**
   * {@value} of traces (in both modes: failures are part of the world, not an imperfection of the archive) get an
   * injected error at a span deep in the tree (a database, the payment provider, inventory, ...), propagated to each
   * parent with {@link #PROPAGATE_TO_CALLER} (CLIENT or PRODUCER to its parent: the caller may handle it),
   * {@link #PROPAGATE_INTERNAL} (INTERNAL to its parent), always from a SERVER span to its CLIENT, never from a
   * CONSUMER to its PRODUCER.
   */
  public static final double ERROR_TRACE_RATE = 0.05;
  public static final double PROPAGATE_TO_CALLER = 0.7;
  public static final double PROPAGATE_INTERNAL = 0.9;

  // Keys of summary.json and flags of _generator/traces.
  public static final String LOST_SPANS = "lost_spans";
  public static final String DUPLICATE_ROWS = "duplicate_rows";
  public static final String RESPELLED_ROWS = "respelled_rows";
  public static final String INVALID_ROWS = "invalid_rows";
  public static final String BROKEN_PROPAGATION_TRACES = "broken_propagation_traces";
  public static final String PROPAGATION_FRAGMENTS = "propagation_fragments";
  public static final String SKEWED_SPANS = "skewed_spans";
  public static final String CROSSING_MIDNIGHT_TRACES = "crossing_midnight_traces";

  public static final String FLAG_LOST_SPAN = "lost_span";
  public static final String FLAG_DUPLICATE_ROW = "duplicate_row";
  public static final String FLAG_RESPELLED_ROW = "respelled_row";
  public static final String FLAG_INVALID_ROW = "invalid_row";
  public static final String FLAG_SERVICE_MISSING = "service_missing";
  public static final String FLAG_BROKEN_PROPAGATION = "broken_propagation";
  public static final String FLAG_PROPAGATION_FRAGMENT = "propagation_fragment";
  public static final String FLAG_SKEWED_SPAN = "skewed_span";
  public static final String FLAG_CROSSING_MIDNIGHT = "crossing_midnight";
  public static final String FLAG_SHOWCASE = "showcase";

  /** Crossing-midnight traces per day for a day of {@code tracesPerDay} traces. */
  static int crossingPerDay(int tracesPerDay) {
    return (int) Math.max(1, Math.round(tracesPerDay * CROSSING_MIDNIGHT_RATE));
  }
}
