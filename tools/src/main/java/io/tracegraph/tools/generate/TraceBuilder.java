package io.tracegraph.tools.generate;

import io.tracegraph.model.SpanKind;
import io.tracegraph.tools.generate.SyntheticSpan.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The state of one trace while {@link CallTree} steps run: the structure random stream, the spans made so far (in
 * creation order, parents before children) and the service-to-service hops the trace is meant to contain. Times are
 * nanoseconds relative to the trace's start until {@link TraceSynthesizer} places the trace on the clock.
 */
final class TraceBuilder {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  /**
   * One intended hop of the dependency graph: {@code parent} calls {@code child}, carried by the given spans (the
   * client and server side of a call, or the single span of a call to an uninstrumented peer). It failed when any of
   * them is ERROR. Recorded as the trace is built, so the expected links come from the intended calls, not from
   * reading spans back.
   */
  record Hop(String parent, String child, SyntheticSpan first, SyntheticSpan second) {
    boolean error() {
      return first.error() || (second != null && second.error());
    }
  }

  final SplittableRandom random;
  final List<SyntheticSpan> spans = new ArrayList<>(48);
  final List<Hop> hops = new ArrayList<>(24);
  private final Map<String, String> forcedHosts;
  private final Perturbations perturbations;
  /** True while an extra call runs: extra calls do not nest. */
  private boolean inExtraCall;
  /** What {@link InjectedPatterns} put into this trace, for the ground truth. */
  final PatternCounts injected = new PatternCounts();

  /** The call patterns injected into one trace. */
  static final class PatternCounts {
    long loops;
    long loopCalls;
    long retries;
    long fanOuts;
    long fanOutCalls;

    boolean any() {
      return loops + retries + fanOuts > 0;
    }
  }

  TraceBuilder(SplittableRandom random, Map<String, String> forcedHosts) {
    this(random, forcedHosts, Perturbations.NONE);
  }

  TraceBuilder(SplittableRandom random, Map<String, String> forcedHosts, Perturbations perturbations) {
    this.random = random;
    this.forcedHosts = forcedHosts;
    this.perturbations = perturbations;
  }

  SyntheticSpan span(SyntheticSpan parent, String service, String host, String name, SpanKind kind,
                     Protocol protocol, long start) {
    SyntheticSpan span = new SyntheticSpan(parent, service, host, name, kind, protocol);
    span.start = start;
    spans.add(span);
    return span;
  }

  void hop(String parent, String child, SyntheticSpan first, SyntheticSpan second) {
    hops.add(new Hop(parent, child, first, second));
  }

  /** The pod serving one request of {@code service}: a request goes to one of the service's hosts. */
  String host(String service) {
    String forced = forcedHosts.get(service);
    if (forced != null) return forced;
    List<String> hosts = ShopWorld.hosts(service);
    return hosts.get(random.nextInt(hosts.size()));
  }

  /**
   * A lognormal duration with the given median: {@code median * e^(sigma * N(0,1))}, clamped to [median/10,
   * median*20] so one unlucky draw cannot stretch a trace over minutes.
   */
  long latency(double medianMillis, double sigma) {
    double factor = Math.exp(sigma * random.nextGaussian());
    factor = Math.max(0.1, Math.min(20.0, factor));
    return Math.max(1_000L, (long) (medianMillis * factor * NANOS_PER_MILLI));
  }

  /** {@code service}'s own work: {@link #latency}, times its {@code --slower} factor (the same draw either way). */
  long selfLatency(String service, double medianMillis, double sigma) {
    long nanos = latency(medianMillis, sigma);
    double factor = perturbations.factor(service);
    return factor == 1 ? nanos : Math.round(nanos * factor);
  }

  /**
   * The {@code --extra-call}s of a request {@code server} serves, run in sequence from {@code at} under its SERVER
   * span; returns when they end ({@code at} when there are none, drawing no random number).
   */
  long extraCalls(SyntheticSpan server, long at) {
    List<String> callees = perturbations.extraCallees(server.service);
    InjectedPatterns patterns = perturbations.patterns();
    if ((callees.isEmpty() && patterns.isEmpty()) || inExtraCall) return at;
    inExtraCall = true;
    try {
      long t = at;
      for (String callee : callees) t = CallTree.call(ShopWorld.operation(callee)).run(this, server, t + gap());
      return patterns.isEmpty() ? t : injectPatterns(server, t, patterns);
    } finally {
      inExtraCall = false;
    }
  }

  /** The N+1 loops, retried calls and occasional fan-outs of {@code server}'s service, in sequence from {@code at}. */
  private long injectPatterns(SyntheticSpan server, long at, InjectedPatterns patterns) {
    long t = at;
    for (InjectedPatterns.Repeat loop : InjectedPatterns.of(patterns.nPlusOne(), server.service)) {
      CallTree.Operation callee = ShopWorld.operation(loop.callee());
      for (int i = 0; i < loop.count(); i++) t = CallTree.call(callee).run(this, server, t + gap());
      injected.loops++;
      injected.loopCalls += loop.count();
    }
    for (InjectedPatterns.Repeat retried : InjectedPatterns.of(patterns.retries(), server.service)) {
      CallTree.Operation callee = ShopWorld.operation(retried.callee());
      for (int attempt = 1; attempt <= retried.count(); attempt++) {
        long backoff = attempt == 1 ? gap() : (attempt - 1) * 5 * NANOS_PER_MILLI;
        t = CallTree.attempt(callee, attempt < retried.count(), attempt - 1).run(this, server, t + backoff);
      }
      injected.retries += retried.count() - 1;
    }
    for (InjectedPatterns.Repeat fanOut : InjectedPatterns.of(patterns.fanOuts(), server.service)) {
      boolean wide = random.nextInt(InjectedPatterns.FAN_OUT_ONE_IN) == 0;
      CallTree.Step[] calls = new CallTree.Step[wide ? fanOut.count() : 1];
      java.util.Arrays.fill(calls, CallTree.call(ShopWorld.operation(fanOut.callee())));
      t = CallTree.par(calls).run(this, server, t + gap());
      if (wide) {
        injected.fanOuts++;
        injected.fanOutCalls += calls.length;
      }
    }
    return t;
  }

  /** True when consumer group {@code service} consumes in batch traces ({@code --batch-consumer}), not here. */
  boolean consumesInBatches(String service) {
    return perturbations.patterns().batchSlots(service) > 0;
  }

  /** One-way network time between two pods: 0.1 to ~1.5 ms. */
  long network() {
    return latency(0.25, 0.5);
  }

  /** Time a process spends between two sequential steps (marshalling, logging): 10 to 200 µs. */
  long gap() {
    return 10_000L + random.nextLong(190_000L);
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
