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
 * Call patterns and span links put into the generated world on purpose, with exact counts in the ground truth
 * ({@code summary.json}'s {@code injected_patterns}), for testing what the nightly's call patterns and span links
 * find:
 * <ul>
 *   <li>{@code --n-plus-one-loop CALLER=CALLEE:N}: every request CALLER serves ends with N calls to CALLEE's first
 *       operation, one after the other (an N+1 loop of N calls);</li>
 *   <li>{@code --retried-call CALLER=CALLEE:K}: every request CALLER serves ends with one call to CALLEE's first operation
 *       made in K attempts: the first K−1 fail (the callee answers 503, the client fails) and are tried again after a
 *       short back-off, an HTTP client saying so with {@code http.request.resend_count}; K−1 retries;</li>
 *   <li>{@code --occasional-fan-out CALLER=CALLEE:N}: every request CALLER serves ends with one call to CALLEE's first
 *       operation, except one in {@link #FAN_OUT_ONE_IN} (drawn at random), which makes N calls in parallel;</li>
 *   <li>{@code --batch-consumer SERVICE=N}: the consumer group SERVICE of topic {@code orders} no longer consumes
 *       inside the producer's trace; one batch trace per N consecutive trace slots of a day consumes the messages of
 *       those traces: a root CONSUMER span linking (span links) to each message's PRODUCER span, started after the
 *       last of them ended. Slots are spread over the day, so the messages' times in the broker are long.</li>
 * </ul>
 * Extra calls do not nest, as with {@code --extra-call}. Without any of them nothing changes: no random number is
 * drawn for them and {@code summary.json} has no {@code injected_patterns}.
 *
 * @param nPlusOne the N+1 loops, in the order given
 * @param retries the retried calls
 * @param fanOuts the occasional fan-outs
 * @param batchConsumers the consumer groups consuming in batches, with their batch size in trace slots
 */
public record InjectedPatterns(List<Repeat> nPlusOne, List<Repeat> retries, List<Repeat> fanOuts,
                               Map<String, Integer> batchConsumers) implements Serializable {
  public static final InjectedPatterns NONE = new InjectedPatterns(List.of(), List.of(), List.of(), Map.of());
  /** One request in this many makes the fan-out of {@code --occasional-fan-out}. */
  public static final int FAN_OUT_ONE_IN = 200;
  /** The topic whose consumer groups {@code --batch-consumer} can name. */
  public static final String BATCH_TOPIC = "orders";

  /** A call from every request of {@code caller} to {@code callee}'s first operation, {@code count} times over. */
  public record Repeat(String caller, String callee, int count) implements Serializable {
    public Repeat {
      Objects.requireNonNull(caller, "caller == null");
      Objects.requireNonNull(callee, "callee == null");
    }

    @Override
    public String toString() {
      return caller + "=" + callee + ":" + count;
    }
  }

  public InjectedPatterns {
    nPlusOne = List.copyOf(nPlusOne);
    retries = List.copyOf(retries);
    fanOuts = List.copyOf(fanOuts);
    batchConsumers = Collections.unmodifiableMap(new TreeMap<>(batchConsumers));
    check("--n-plus-one-loop", nPlusOne, 2);
    check("--retried-call", retries, 2);
    check("--occasional-fan-out", fanOuts, 2);
    for (Map.Entry<String, Integer> e : batchConsumers.entrySet()) {
      if (ShopWorld.consumer(e.getKey()) == null) {
        throw new IllegalArgumentException("--batch-consumer " + e.getKey() + ": not a consumer group of topic "
            + BATCH_TOPIC + "; groups: " + ShopWorld.consumerGroups());
      }
      if (e.getValue() < 1 || e.getValue() > 1_000_000) {
        throw new IllegalArgumentException("--batch-consumer " + e.getKey() + ": the batch must be 1 to 1000000 trace "
            + "slots, got " + e.getValue());
      }
    }
  }

  private static void check(String option, List<Repeat> repeats, int least) {
    for (Repeat r : repeats) {
      if (ShopWorld.operation(r.caller()) == null || ShopWorld.operation(r.callee()) == null) {
        throw new IllegalArgumentException(option + " " + r + ": both sides must be services that serve requests: "
            + ShopWorld.servingServices());
      }
      if (r.caller().equals(r.callee())) throw new IllegalArgumentException(option + " " + r + ": a service calling itself");
      if (r.count() < least || r.count() > 1000) {
        throw new IllegalArgumentException(option + " " + r + ": the count must be " + least + " to 1000");
      }
    }
  }

  /** From the command line's values (any list may be null). */
  public static InjectedPatterns parse(List<String> nPlusOne, List<String> retries, List<String> fanOuts,
                                       List<String> batchConsumers) {
    Map<String, Integer> batches = new LinkedHashMap<>();
    for (String s : batchConsumers == null ? List.<String>of() : batchConsumers) {
      String[] kv = split("--batch-consumer", s, '=', "SERVICE=N");
      if (batches.put(kv[0], count("--batch-consumer", s, kv[1])) != null) {
        throw new IllegalArgumentException("--batch-consumer " + kv[0] + " given twice");
      }
    }
    return new InjectedPatterns(repeats("--n-plus-one-loop", nPlusOne), repeats("--retried-call", retries),
        repeats("--occasional-fan-out", fanOuts), batches);
  }

  private static List<Repeat> repeats(String option, List<String> values) {
    List<Repeat> repeats = new ArrayList<>();
    for (String s : values == null ? List.<String>of() : values) {
      String[] kv = split(option, s, '=', "CALLER=CALLEE:N");
      String[] callee = split(option, kv[1], ':', "CALLER=CALLEE:N");
      repeats.add(new Repeat(kv[0], callee[0], count(option, s, callee[1])));
    }
    return repeats;
  }

  private static String[] split(String option, String value, char at, String form) {
    int i = value.lastIndexOf(at);
    if (i <= 0 || i == value.length() - 1) {
      throw new IllegalArgumentException(option + " must be " + form + ", got '" + value + "'");
    }
    return new String[] {value.substring(0, i).trim(), value.substring(i + 1).trim()};
  }

  private static int count(String option, String value, String count) {
    try {
      return Integer.parseInt(count);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " " + value + ": the count must be a whole number");
    }
  }

  public boolean isEmpty() {
    return nPlusOne.isEmpty() && retries.isEmpty() && fanOuts.isEmpty() && batchConsumers.isEmpty();
  }

  /** The repeats of {@code list} whose caller is {@code service}, in order. */
  static List<Repeat> of(List<Repeat> list, String service) {
    if (list.isEmpty()) return List.of();
    List<Repeat> mine = new ArrayList<>();
    for (Repeat r : list) if (r.caller().equals(service)) mine.add(r);
    return mine;
  }

  /** Trace slots per batch of {@code consumer}, or 0 when it consumes in the producer's trace. */
  int batchSlots(String consumer) {
    Integer n = batchConsumers.get(consumer);
    return n == null ? 0 : n;
  }

  /** For summary.json. */
  Map<String, Object> describe() {
    Map<String, Object> m = new TreeMap<>();
    m.put("n_plus_one", nPlusOne.stream().map(Repeat::toString).toList());
    m.put("retries", retries.stream().map(Repeat::toString).toList());
    m.put("fan_out", fanOuts.stream().map(Repeat::toString).toList());
    m.put("batch_consumers", new TreeMap<>(batchConsumers));
    return m;
  }
}
