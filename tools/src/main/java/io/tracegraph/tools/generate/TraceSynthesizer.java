package io.tracegraph.tools.generate;

import io.tracegraph.model.SpanKind;
import io.tracegraph.tools.generate.GenerationPlan.Kind;
import io.tracegraph.tools.generate.GenerationPlan.Slot;
import io.tracegraph.tools.generate.ShopWorld.Entry;
import io.tracegraph.tools.generate.SyntheticSpan.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthesises one trace of a {@link GenerationPlan} slot, in four steps:
 * <ol>
 *   <li>structure: an entry operation by weight, its call tree ({@link ShopWorld}), span ids, timing;</li>
 *   <li>failure: with {@link Imperfections#ERROR_TRACE_RATE}, an error at a span chosen by its error weight,
 *       propagated up with the documented probabilities;</li>
 *   <li>placement on the clock: a normal trace starts during its day (more traffic in the afternoon, UTC) and ends
 *       well before midnight; a crossing-midnight trace straddles its day's end between two of its spans' starts;</li>
 *   <li>imperfections (realistic mode), from a second random stream, so the first three steps give the same trace
 *       in both modes: broken propagation, clock skew and one fate per span's row.</li>
 * </ol>
 * Pure Java and deterministic: the trace depends only on the plan's seed and the slot.
 */
final class TraceSynthesizer {
  /** Normal traces end at least this long before midnight, whatever the skew adds. */
  private static final long MIDNIGHT_MARGIN_NANOS = 2_000_000_000L;
  private static final String SHOWCASE_ENTRY = "GET /product/{id}";

  private TraceSynthesizer() {}

  /** The trace of {@code slot}; null for a batch slot whose traces published nothing ({@link BatchTraces}). */
  static SyntheticTrace synthesize(GenerationPlan plan, Slot slot) {
    if (slot.kind() == Kind.BATCH) return BatchTraces.synthesize(plan, slot);
    SplittableRandom random = Seeds.random(plan.seed(), slot.epochDay(), slot.kind().ordinal(), slot.index(),
        Seeds.STRUCTURE);
    boolean showcase = slot.kind() == Kind.SHOWCASE;

    // 1. Structure, times relative to the root's start. Perturbations change the generated days' own traces only:
    // the crossing traces of the day before are that day's, whose rows before midnight another run wrote without
    // this run's perturbations (the demo's first day); perturbing them would tear their halves apart.
    Perturbations perturbations = plan.generates(slot.epochDay()) ? plan.perturbations() : Perturbations.NONE;
    TraceBuilder b = new TraceBuilder(random,
        showcase ? Map.of(ShopWorld.INVENTORY, ShopWorld.skewedHost()) : Map.of(), perturbations);
    long high = nonZero(random);
    long low = random.nextLong();
    Entry entry = showcase ? ShopWorld.entry(SHOWCASE_ENTRY)
        : slot.kind() == Kind.GROWTH ? ShopWorld.entry(plan.growth().entry()) : ShopWorld.pickEntry(random);
    boolean viaLoadBalancer = random.nextDouble() < ShopWorld.VIA_LOAD_BALANCER;
    SyntheticSpan root = entry.operation().serve(b, null, 0);
    if (viaLoadBalancer) {
      root.attr("peer.service", ShopWorld.WEB_LB);
      b.hop(ShopWorld.WEB_LB, root.service, root, null);
    }
    assignSpanIds(b.spans, random);
    SyntheticTrace trace = new SyntheticTrace(plan, slot, b.spans, b.hops, high, low);
    trace.injected = b.injected;

    // 2. Failure.
    if (!showcase && random.nextDouble() < Imperfections.ERROR_TRACE_RATE) injectError(trace, random);
    if (!showcase && trace.errorOrigin == null && !plan.perturbations().failingDatabases().isEmpty()) {
      failDatabase(trace, Seeds.random(plan.seed(), slot.epochDay(), slot.kind().ordinal(), slot.index(),
          Seeds.FAILURES));
    }

    // 3. Placement.
    long duration = 0;
    for (SyntheticSpan span : b.spans) duration = Math.max(duration, span.end);
    long dayStart = slot.epochDay() * GenerationPlan.NANOS_PER_DAY;
    long start = slot.kind() == Kind.CROSSING
        ? dayStart + GenerationPlan.NANOS_PER_DAY - midnightOffset(b.spans, random)
        : dayStart + diurnalOffset(random, GenerationPlan.NANOS_PER_DAY - duration - MIDNIGHT_MARGIN_NANOS);
    for (SyntheticSpan span : b.spans) {
      span.start += start;
      span.end += start;
    }

    // 4. Imperfections.
    if (plan.realistic()) spoil(trace);
    return trace;
  }

  /** Step 4, from the slot's second random stream: broken propagation, clock skew and one fate per span's row. */
  static void spoil(SyntheticTrace trace) {
    GenerationPlan plan = trace.plan;
    Slot slot = trace.slot;
    SplittableRandom spoil = Seeds.random(plan.seed(), slot.epochDay(), slot.kind().ordinal(), slot.index(),
        Seeds.IMPERFECTIONS);
    breakPropagation(trace, spoil);
    skew(trace, skewNanos(plan.seed(), slot.epochDay()));
    assignFates(trace, spoil);
  }

  static long nonZero(SplittableRandom random) {
    long v;
    do v = random.nextLong(); while (v == 0);
    return v;
  }

  /** Random non-zero span ids, distinct within the trace. */
  static void assignSpanIds(List<SyntheticSpan> spans, SplittableRandom random) {
    long[] used = new long[spans.size()];
    for (int i = 0; i < spans.size(); i++) {
      long id;
      boolean clash;
      do {
        id = nonZero(random);
        clash = false;
        for (int j = 0; j < i && !clash; j++) clash = used[j] == id;
      } while (clash);
      used[i] = id;
      spans.get(i).spanId = id;
    }
  }

  /**
   * Picks the origin among spans with an error weight (databases, the payment provider, inventory reservations...),
   * fails it, and walks up: SERVER → its CLIENT always (the caller sees the failed response), CLIENT or PRODUCER →
   * parent with {@link Imperfections#PROPAGATE_TO_CALLER} (else the caller handled it), INTERNAL → parent with
   * {@link Imperfections#PROPAGATE_INTERNAL}; never CONSUMER → PRODUCER (asynchronous).
   */
  private static void injectError(SyntheticTrace trace, SplittableRandom random) {
    double total = 0;
    for (SyntheticSpan span : trace.spans) total += span.errorWeight;
    if (total == 0) return;
    double u = random.nextDouble() * total;
    SyntheticSpan origin = null;
    for (SyntheticSpan span : trace.spans) {
      if (span.errorWeight == 0) continue;
      origin = span;
      u -= span.errorWeight;
      if (u < 0) break;
    }
    failAndPropagate(trace, origin, origin.errorMessage, random);
  }

  /**
   * {@code --failing-database}: each call to a failing database (a leaf hop to it) fails with its rate; the first
   * that does is the trace's error origin.
   */
  private static void failDatabase(SyntheticTrace trace, SplittableRandom random) {
    for (TraceBuilder.Hop hop : trace.hops) {
      double rate = trace.plan.perturbations().failureRate(hop.child(), hop.first().attr("db.namespace"));
      if (rate == 0 || hop.second() != null) continue;
      if (random.nextDouble() < rate) {
        SyntheticSpan call = hop.first();
        failAndPropagate(trace, call, call.errorMessage != null ? call.errorMessage
            : "database " + hop.child() + " unavailable", random);
        return;
      }
    }
  }

  /** Fails {@code origin} and walks its error up with the probabilities of {@link #injectError}. */
  private static void failAndPropagate(SyntheticTrace trace, SyntheticSpan origin, String originMessage,
                                       SplittableRandom random) {
    origin.fail(originMessage, origin.errorHttpStatus);
    trace.errorOrigin = origin;
    SyntheticSpan s = origin;
    while (s.parent != null && s.kind != SpanKind.CONSUMER) {
      SyntheticSpan p = s.parent;
      double propagate = s.kind == SpanKind.SERVER && p.kind == SpanKind.CLIENT ? 1.0
          : s.kind == SpanKind.INTERNAL ? Imperfections.PROPAGATE_INTERNAL
          : Imperfections.PROPAGATE_TO_CALLER;
      if (propagate < 1.0 && random.nextDouble() >= propagate) break;
      String message;
      if (p.kind == SpanKind.CLIENT && p.protocol == Protocol.HTTP) message = "HTTP 500 from " + s.service;
      else if (p.kind == SpanKind.CLIENT && p.protocol == Protocol.GRPC) {
        message = "rpc error: code = Internal desc = " + s.statusMessage;
      } else {
        message = s.statusMessage;
      }
      p.fail(message, 500);
      s = p;
    }
  }

  /**
   * Offset of a trace's start in its day, in [0, window): uniform, thinned to a daily cycle peaking at 15:00 UTC
   * (density 1 + 0.6 sin) so hourly charts have a shape.
   */
  private static long diurnalOffset(SplittableRandom random, long window) {
    while (true) {
      long t = random.nextLong(window);
      double hour = t / 3.6e12;
      double density = 1 + 0.6 * Math.sin(2 * Math.PI * (hour - 9) / 24);
      if (random.nextDouble() * 1.6 < density) return t;
    }
  }

  /**
   * Where midnight falls in a crossing trace, relative to its start: between two consecutive distinct span starts,
   * so the root (and at least one span) is before midnight and at least one span after.
   */
  private static long midnightOffset(List<SyntheticSpan> spans, SplittableRandom random) {
    long[] starts = new long[spans.size()];
    for (int i = 0; i < starts.length; i++) starts[i] = spans.get(i).start;
    Arrays.sort(starts);
    long[] distinct = Arrays.stream(starts).distinct().toArray();
    int k = 1 + random.nextInt(distinct.length - 1);
    return distinct[k - 1] + (distinct[k] - distinct[k - 1] + 1) / 2;
  }

  /** The skew of the day's skewed host, 30..300 ms, the same for every trace of the day. */
  static long skewNanos(long seed, long epochDay) {
    SplittableRandom day = Seeds.random(seed, epochDay, Seeds.DAY);
    int millis = Imperfections.SKEW_MIN_MILLIS
        + day.nextInt(Imperfections.SKEW_MAX_MILLIS - Imperfections.SKEW_MIN_MILLIS + 1);
    return millis * 1_000_000L;
  }

  /**
   * Per request served by recommendation (always in the showcase), its outgoing calls lose the context: each callee
   * SERVER span and its subtree become a fragment with a new trace id. Requests whose subtree failed are left alone,
   * so an injected error always stays in the trace that records it.
   */
  private static void breakPropagation(SyntheticTrace trace, SplittableRandom random) {
    int fragments = 0;
    for (SyntheticSpan span : trace.spans) {
      if (!span.service.equals(ShopWorld.RECOMMENDATION) || span.kind != SpanKind.SERVER || span.fragment != 0) {
        continue;
      }
      boolean broken = random.nextDouble() < Imperfections.BROKEN_PROPAGATION_RATE;
      if (!(broken || trace.showcase()) || subtreeFailed(span)) continue;
      List<SyntheticSpan> callees = new ArrayList<>();
      collectCallees(span, callees);
      for (SyntheticSpan callee : callees) {
        fragments++;
        markFragment(callee, fragments);
        trace.fragmentIds.add(new long[] {random.nextLong(), nonZero(random)});
      }
      if (!callees.isEmpty()) trace.brokenPropagation = true;
    }
  }

  private static boolean subtreeFailed(SyntheticSpan span) {
    if (span.error()) return true;
    for (SyntheticSpan child : span.children()) if (subtreeFailed(child)) return true;
    return false;
  }

  /** SERVER spans called by {@code span}'s process: children of its CLIENT spans, looking through INTERNAL ones. */
  private static void collectCallees(SyntheticSpan span, List<SyntheticSpan> out) {
    for (SyntheticSpan child : span.children()) {
      if (!child.service.equals(span.service)) {
        if (child.kind == SpanKind.SERVER) out.add(child);
      } else if (child.kind == SpanKind.CLIENT || child.kind == SpanKind.INTERNAL) {
        collectCallees(child, out);
      }
    }
  }

  private static void markFragment(SyntheticSpan span, int fragment) {
    span.fragment = fragment;
    for (SyntheticSpan child : span.children()) markFragment(child, fragment);
  }

  /** Shifts every span of the skewed host: its clock runs ahead. */
  private static void skew(SyntheticTrace trace, long skew) {
    String host = ShopWorld.skewedHost();
    for (SyntheticSpan span : trace.spans) {
      if (!span.host.equals(host)) continue;
      span.start += skew;
      span.end += skew;
      span.skewed = true;
    }
  }

  /**
   * One fate per span: lost (never a trace's or fragment's top span), duplicated, respelled or with an invalid copy,
   * at the rates of {@link Imperfections}; the showcase gets one of each on distinct spans.
   */
  private static void assignFates(SyntheticTrace trace, SplittableRandom random) {
    for (SyntheticSpan span : trace.spans) {
      double u = random.nextDouble();
      for (RowFate fate : RowFate.DRAWN) {
        u -= fate.rate();
        if (u < 0) {
          if (fate != RowFate.LOST || losable(span)) span.fate = fate;
          break;
        }
      }
    }
    if (!trace.showcase()) return;
    List<SyntheticSpan> candidates = new ArrayList<>();
    for (SyntheticSpan span : trace.spans) if (losable(span)) candidates.add(span);
    for (RowFate fate : RowFate.DRAWN) { // the showcase has far more candidates than fates
      SyntheticSpan span = candidates.remove(random.nextInt(candidates.size()));
      span.fate = fate;
    }
  }

  /** A span can be lost unless it is the top of its archive trace (whose start decides the trace's day). */
  private static boolean losable(SyntheticSpan span) {
    return span.parent != null && span.parent.fragment == span.fragment;
  }
}
