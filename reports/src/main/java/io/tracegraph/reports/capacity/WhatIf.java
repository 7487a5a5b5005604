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
 * range, entry point e caused {@code D(e,s)} calls into service s ({@code downstream.calls}, summed over the days,
 * = requests × calls_per_request; for the entry point's own service also its requests, whose root spans
 * {@code downstream} leaves out), while s received {@code C(s)} calls in all ({@link CapacityReport}). Scaling e
 * by factor f adds {@code (f − 1)·D(e,s)} calls, so s's load is multiplied by
 *
 * <pre>  m(s) = 1 + Σ_e (f_e − 1) · D(e,s) / C(s)</pre>
 *
 * and its projected busiest minute is {@code m(s)} times the observed one (and likewise its daily calls).
 *
 * <p><b>The assumption</b>: the calls an entry point causes are spread over the day like the service's other calls,
 * so the entry's share of the service's busiest minute equals its share of the service's calls. The tables record
 * no busiest minute per entry point, so the "entry peaks coincide" upper bound cannot be computed from them; where
 * an entry point peaks at another time of day than the rest of a service's traffic, the projection is too high
 * for a scaled entry point that peaks off-peak and too low for one that peaks exactly at the busiest minute.
 * Calls-per-request are taken as measured: a scaled entry point's requests are assumed to behave like its past ones
 * (same cache hit rates, retries, fan-out). The share is capped at 1 (traces without a single root have no entry
 * point, so {@code D} never exceeds {@code C} on consistent tables).
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
}
