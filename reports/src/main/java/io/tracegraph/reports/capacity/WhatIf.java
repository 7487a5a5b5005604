package io.tracegraph.reports.capacity;

import io.tracegraph.reports.capacity.CapacityInput.EntryKey;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What if entry points' traffic were multiplied ({@code --scale "frontend POST /checkout=2.0"})? The extra requests
 * are propagated to every service through the measured multiplicities of the {@code entry_points} table: over the
 * range, entry point e had {@code R(e)} requests that caused {@code D(e,s)} calls into service s
 * ({@code downstream.calls}, summed over the days; for the entry point's own service also its requests, whose root
 * spans {@code downstream} leaves out), so {@code calls_per_request(e,s) = D(e,s) / R(e)}.
 *
 * <p><b>Busiest minute</b> ({@link #addedAtPeak}, tables v2): scaling e by f adds {@code (f − 1)} times e's busiest
 * minute of requests {@code B(e)} ({@code entry_points.busiest_minute_calls}, the largest of the range's days) at
 * each service, times its calls per request:
 *
 * <pre>  projected(s) = observed(s) + Σ_e (f_e − 1) · B(e) · calls_per_request(e, s)</pre>
 *
 * with {@code observed(s)} the service's own busiest minute of served requests (the largest of the days'). The
 * assumption: every scaled entry point peaks in the service's busiest minute, and its calls reach the service in
 * that same minute. For f &gt; 1 this is an upper bound (the real peaks may not coincide); for f &lt; 1 it removes
 * the entry's whole peak, so the projection may be too low. Never below 0.
 *
 * <p><b>Daily calls</b> ({@link #multiplier}): s received {@code C(s)} calls in all, so its calls are multiplied by
 * {@code m(s) = 1 + Σ_e (f_e − 1) · D(e,s) / C(s)} (exact under the same calls per request). Before tables v2, the
 * report had no busiest minute per entry point and multiplied the busiest minute by {@code m(s)} too (it assumes
 * the entry's calls spread over the day like the service's others); it still does so for ranges whose scaled entry
 * points lack a busiest minute on some day.
 *
 * <p>Calls-per-request are taken as measured: a scaled entry point's requests are assumed to behave like its past
 * ones (same cache hit rates, retries, fan-out). The share in {@code m(s)} is capped at 1.
 */
public final class WhatIf {
  private final SortedMap<EntryKey, Double> factors;

  /** Validates the factors: finite, at least 0 (0 removes the entry point's traffic). */
  public WhatIf(Map<EntryKey, Double> factors) {
    Objects.requireNonNull(factors, "factors == null");
    for (var e : factors.entrySet()) {
      double f = e.getValue();
      if (!(f >= 0) || Double.isInfinite(f)) {
        throw new IllegalArgumentException("factor of " + e.getKey().label() + " must be a finite number >= 0, got "
            + f);
      }
    }
    this.factors = Collections.unmodifiableSortedMap(new TreeMap<>(factors));
  }

  public SortedMap<EntryKey, Double> factors() {
    return factors;
  }

  public boolean isEmpty() {
    return factors.isEmpty();
  }

  /**
   * The load multiplier {@code m(s)} of a service that received {@code serviceCalls} calls over the range, of which
   * {@code entryCalls.get(e)} were caused by entry point e.
   */
  public double multiplier(long serviceCalls, Map<EntryKey, Long> entryCalls) {
    double m = 1;
    if (serviceCalls <= 0) return m;
    for (var e : factors.entrySet()) {
      long caused = entryCalls.getOrDefault(e.getKey(), 0L);
      m += (e.getValue() - 1) * Math.min(1.0, caused / (double) serviceCalls);
    }
    return Math.max(0, m);
  }

  /**
   * The calls added to a service's busiest minute: {@code Σ_e (f_e − 1) · peakCalls(e)}, where
   * {@code peakCalls.get(e)} = B(e) · calls_per_request(e, s), the calls e's busiest minute of requests brings to
   * the service (missing: none).
   */
  public double addedAtPeak(Map<EntryKey, Double> peakCalls) {
    double added = 0;
    for (var e : factors.entrySet()) added += (e.getValue() - 1) * peakCalls.getOrDefault(e.getKey(), 0.0);
    return added;
  }
}
