package io.tracegraph.tools.generate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Deliberate changes to the generated world, to make a day that differs from another in known ways (what the
 * day-over-day diff must find):
 * <ul>
 *   <li>{@code --slower SERVICE=FACTOR}: the service's own work takes FACTOR times as long: the self time of its
 *       SERVER, CONSUMER and INTERNAL spans (not the time it waits for what it calls, nor the network). Every span
 *       that encloses its work (its callers' CLIENT spans and their ancestors) gets longer by the same absolute
 *       amount;</li>
 *   <li>{@code --extra-call CALLER=CALLEE}: every request CALLER serves ends with one more call, to CALLEE's first
 *       operation (a new edge CALLER → CALLEE, and whatever CALLEE calls). Extra calls do not nest, so a callee that
 *       calls back cannot loop;</li>
 *   <li>{@code --failing-database NAME=RATE}: in a trace without an injected error, each call to the database NAME
 *       (a system, {@code postgresql}: all its databases; or one database, its namespace: {@code stock}; the
 *       namespace's rate wins when both are given) fails with probability RATE (drawn from a random stream of its
 *       own, so the rest of the trace is unchanged); the first to fail is the trace's error origin, and its error
 *       travels up as an injected error does.</li>
 * </ul>
 * They apply to the traces that start on the generated days, not to the crossing-midnight traces of the day before
 * whose tails a run writes into its first day: that day's rows before midnight were written by another run, as a
 * day without these perturbations (the demo's first day), and the two halves of a trace must match.
 * Without perturbations the generator's output is byte-identical to what it was before they existed: no random
 * number is drawn for them and every factor is 1. The trace count is always computed from the unperturbed world, so
 * a perturbed day has as many traces as a plain one.
 *
 * @param slower factor per service, each in (0, {@link #MAX_FACTOR}]
 * @param extraCalls caller and callee of each extra call, in the order given
 * @param patterns call patterns and span links put in on purpose ({@link InjectedPatterns})
 * @param failingDatabases failure rate per database, each in (0, 1]
 */
public record Perturbations(Map<String, Double> slower, List<ExtraCall> extraCalls, InjectedPatterns patterns,
                            Map<String, Double> failingDatabases) implements Serializable {
  public static final Perturbations NONE = new Perturbations(Map.of(), List.of(), InjectedPatterns.NONE, Map.of());
  public static final double MAX_FACTOR = 100;

  /** One more call at the end of every request {@code caller} serves. */
  public record ExtraCall(String caller, String callee) implements Serializable {
    public ExtraCall {
      Objects.requireNonNull(caller, "caller == null");
      Objects.requireNonNull(callee, "callee == null");
    }

    @Override
    public String toString() {
      return caller + "=" + callee;
    }
  }

  /** Perturbations without injected patterns or failing databases. */
  public Perturbations(Map<String, Double> slower, List<ExtraCall> extraCalls) {
    this(slower, extraCalls, InjectedPatterns.NONE, Map.of());
  }

  public Perturbations {
    Objects.requireNonNull(patterns, "patterns == null");
    slower = Collections.unmodifiableMap(new TreeMap<>(slower));
    extraCalls = List.copyOf(extraCalls);
    failingDatabases = Collections.unmodifiableMap(new TreeMap<>(failingDatabases));
    for (Map.Entry<String, Double> e : failingDatabases.entrySet()) {
      if (!ShopWorld.databases().contains(e.getKey())) {
        throw new IllegalArgumentException("--failing-database " + e.getKey() + ": no such database; databases: "
            + ShopWorld.databases());
      }
      double rate = e.getValue();
      if (!(rate > 0 && rate <= 1)) {
        throw new IllegalArgumentException("--failing-database " + e.getKey() + ": the rate must be in (0, 1], got "
            + rate);
      }
    }
    for (Map.Entry<String, Double> e : slower.entrySet()) {
      requireService("--slower", e.getKey());
      double f = e.getValue();
      if (!(f > 0 && f <= MAX_FACTOR)) {
        throw new IllegalArgumentException("--slower " + e.getKey() + ": the factor must be in (0, " + (int) MAX_FACTOR
            + "], got " + f);
      }
    }
    for (ExtraCall c : extraCalls) {
      if (ShopWorld.operation(c.caller()) == null || ShopWorld.operation(c.callee()) == null) {
        throw new IllegalArgumentException("--extra-call " + c + ": both sides must be services that serve requests: "
            + ShopWorld.servingServices());
      }
      if (c.caller().equals(c.callee())) throw new IllegalArgumentException("--extra-call " + c + ": a service calling itself");
    }
  }

  /** From the command line's {@code SERVICE=FACTOR} and {@code CALLER=CALLEE} values (either list may be null). */
  public static Perturbations parse(List<String> slower, List<String> extraCalls) {
    return parse(slower, extraCalls, null);
  }

  /** ... and {@code NAME=RATE} values of {@code --failing-database} (any list may be null). */
  public static Perturbations parse(List<String> slower, List<String> extraCalls, List<String> failing) {
    Map<String, Double> factors = numbers("--slower", slower, "SERVICE", "FACTOR", "checkout=2.5");
    List<ExtraCall> calls = new ArrayList<>();
    for (String s : extraCalls == null ? List.<String>of() : extraCalls) {
      String[] kv = pair("--extra-call", s, "CALLER=CALLEE");
      calls.add(new ExtraCall(kv[0], kv[1]));
    }
    Map<String, Double> rates = numbers("--failing-database", failing, "NAME", "RATE", "orders=0.2");
    return new Perturbations(factors, calls, InjectedPatterns.NONE, rates);
  }

  /** {@code KEY=NUMBER} values of one option, in the order given; a bad or repeated one names the option. */
  private static Map<String, Double> numbers(String option, List<String> values, String key, String number,
                                             String example) {
    Map<String, Double> parsed = new LinkedHashMap<>();
    for (String s : values == null ? List.<String>of() : values) {
      String[] kv = pair(option, s, key + "=" + number);
      double v;
      try {
        v = Double.parseDouble(kv[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " " + s + ": " + number + " must be a number, e.g. " + example);
      }
      if (parsed.put(kv[0], v) != null) throw new IllegalArgumentException(option + " " + kv[0] + " given twice");
    }
    return parsed;
  }

  private static String[] pair(String option, String value, String form) {
    int eq = value.indexOf('=');
    if (eq <= 0 || eq == value.length() - 1) {
      throw new IllegalArgumentException(option + " must be " + form + ", got '" + value + "'");
    }
    return new String[] {value.substring(0, eq).trim(), value.substring(eq + 1).trim()};
  }

  private static void requireService(String option, String service) {
    if (!ShopWorld.services().containsKey(service)) {
      throw new IllegalArgumentException(option + " " + service + ": no such service; services: "
          + ShopWorld.services().keySet());
    }
  }

  public boolean isEmpty() {
    return slower.isEmpty() && extraCalls.isEmpty() && patterns.isEmpty() && failingDatabases.isEmpty();
  }

  /** These perturbations with {@code patterns} injected. */
  public Perturbations with(InjectedPatterns patterns) {
    return new Perturbations(slower, extraCalls, patterns, failingDatabases);
  }

  /** The failure rate of calls to database {@code namespace} of {@code system} (either may be null), 0 when none. */
  double failureRate(String system, String namespace) {
    if (failingDatabases.isEmpty()) return 0;
    Double rate = namespace == null ? null : failingDatabases.get(namespace); // the one database, else its system
    if (rate == null) rate = failingDatabases.get(system);
    return rate == null ? 0 : rate;
  }

  /** How much longer {@code service}'s own work takes (1 when unchanged). */
  double factor(String service) {
    if (slower.isEmpty()) return 1;
    Double f = slower.get(service);
    return f == null ? 1 : f;
  }

  /** Services every request of {@code caller} calls in addition, in order. */
  List<String> extraCallees(String caller) {
    if (extraCalls.isEmpty()) return List.of();
    List<String> callees = new ArrayList<>();
    for (ExtraCall c : extraCalls) if (c.caller().equals(caller)) callees.add(c.callee());
    return callees;
  }

  /** For summary.json: {@code slower} and {@code extra_calls}. */
  Map<String, Object> describe() {
    Map<String, Object> m = new TreeMap<>();
    m.put("slower", new TreeMap<>(slower));
    m.put("extra_calls", extraCalls.stream().map(ExtraCall::toString).toList());
    if (!failingDatabases.isEmpty()) m.put("failing_databases", new TreeMap<>(failingDatabases));
    if (!patterns.isEmpty()) m.put("patterns", patterns.describe());
    return m;
  }
}
