package io.tracegraph.reports.capacity;

import io.tracegraph.model.LatencySketch;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the capacity report reads from the daily traffic tables of a range, one small row per table row and day
 * (the Spark side reads only these columns and hands them over).
 *
 * @param from first day of the range asked for
 * @param to last day of the range asked for
 * @param days the days of the range that have traffic tables, ascending
 * @param edges per day and edge: its calls, busiest minute and latency sketches
 * @param services per day and instrumented service: the latency of its SERVER spans and (tables v2) its busiest
 *     minute of served requests
 * @param entries per day and entry point: its requests, the calls they caused downstream and (tables v2) its
 *     busiest minute of requests
 */
public record CapacityInput(LocalDate from, LocalDate to, List<LocalDate> days, List<EdgeDay> edges,
                            List<ServiceDay> services, List<EntryDay> entries) {
  public CapacityInput {
    Objects.requireNonNull(from, "from == null");
    Objects.requireNonNull(to, "to == null");
    days = List.copyOf(days);
    edges = List.copyOf(edges);
    services = List.copyOf(services);
    entries = List.copyOf(entries);
    if (days.isEmpty()) throw new IllegalArgumentException("no days with tables in " + from + ".." + to);
    for (int i = 1; i < days.size(); i++) {
      if (!days.get(i - 1).isBefore(days.get(i))) throw new IllegalArgumentException("days not ascending: " + days);
    }
  }

  /** An edge's identity: the {@code edges} table's key columns. */
  public record EdgeKey(String caller, String callee, String connectionType, String broker, String destination)
      implements Comparable<EdgeKey> {
    public EdgeKey {
      Objects.requireNonNull(caller, "caller == null");
      Objects.requireNonNull(callee, "callee == null");
      Objects.requireNonNull(connectionType, "connectionType == null");
    }

    /** Table order: caller, callee, type, broker, destination (absent first). */
    @Override
    public int compareTo(EdgeKey o) {
      int c = caller.compareTo(o.caller);
      if (c == 0) c = callee.compareTo(o.callee);
      if (c == 0) c = connectionType.compareTo(o.connectionType);
      if (c == 0) c = nullsFirst(broker, o.broker);
      if (c == 0) c = nullsFirst(destination, o.destination);
      return c;
    }

    private static int nullsFirst(String a, String b) {
      if (a == null) return b == null ? 0 : -1;
      return b == null ? 1 : a.compareTo(b);
    }

    /** {@code caller → callee (type[, broker/destination])} for people. */
    public String label() {
      String extra = broker == null && destination == null ? ""
          : ", " + (broker == null ? "" : broker) + "/" + (destination == null ? "" : destination);
      return caller + " \u2192 " + callee + " (" + connectionType + extra + ")";
    }
  }

  /** One {@code edges} row: {@code calls}, {@code busiest_minute_calls}, {@code server_sketch}, {@code client_sketch}. */
  public record EdgeDay(EdgeKey key, LocalDate day, long calls, long busiestMinuteCalls, LatencySketch server,
                        LatencySketch client) {
    public EdgeDay {
      Objects.requireNonNull(key, "key == null");
      Objects.requireNonNull(day, "day == null");
      Objects.requireNonNull(server, "server == null");
      Objects.requireNonNull(client, "client == null");
      if (calls < 0 || busiestMinuteCalls < 0 || busiestMinuteCalls > calls) {
        throw new IllegalArgumentException(key.label() + " on " + day + ": calls " + calls + ", busiest minute "
            + busiestMinuteCalls);
      }
    }
  }

  /**
   * One {@code services} row: {@code service}, {@code server_requests} (its SERVER spans), {@code latency_sketch}
   * (their durations) and {@code busiest_minute_calls} (tables v2: the served requests of its busiest minute; null
   * on a day written before v2).
   */
  public record ServiceDay(String service, LocalDate day, long serverRequests, LatencySketch latency,
                           Long busiestMinuteCalls) {
    public ServiceDay {
      Objects.requireNonNull(service, "service == null");
      Objects.requireNonNull(day, "day == null");
      Objects.requireNonNull(latency, "latency == null");
      if (serverRequests < 0) throw new IllegalArgumentException(service + " on " + day + ": negative server_requests");
      if (busiestMinuteCalls != null && busiestMinuteCalls < 0) {
        throw new IllegalArgumentException(service + " on " + day + ": negative busiest_minute_calls");
      }
    }

    /** A day written before tables v2: no busiest minute of its own. */
    public ServiceDay(String service, LocalDate day, long serverRequests, LatencySketch latency) {
      this(service, day, serverRequests, latency, null);
    }
  }

  /** An entry point: the root span's service and operation. */
  public record EntryKey(String service, String operation) implements Comparable<EntryKey> {
    public EntryKey {
      Objects.requireNonNull(service, "service == null");
      Objects.requireNonNull(operation, "operation == null");
    }

    @Override
    public int compareTo(EntryKey o) {
      int c = service.compareTo(o.service);
      return c != 0 ? c : operation.compareTo(o.operation);
    }

    /** {@code service operation}, as {@code --scale} names it. */
    public String label() {
      return service + " " + operation;
    }
  }

  /**
   * One {@code entry_points} row: {@code requests}, {@code downstream} (callee, calls) and
   * {@code busiest_minute_calls} (tables v2: requests in its busiest minute; null on a day written before v2).
   */
  public record EntryDay(EntryKey key, LocalDate day, long requests, List<Downstream> downstream,
                         Long busiestMinuteRequests) {
    public EntryDay {
      Objects.requireNonNull(key, "key == null");
      Objects.requireNonNull(day, "day == null");
      downstream = List.copyOf(downstream);
      if (busiestMinuteRequests != null && (busiestMinuteRequests < 0 || busiestMinuteRequests > requests)) {
        throw new IllegalArgumentException(key.label() + " on " + day + ": requests " + requests
            + ", busiest minute " + busiestMinuteRequests);
      }
    }

    /** A day written before tables v2: no busiest minute. */
    public EntryDay(EntryKey key, LocalDate day, long requests, List<Downstream> downstream) {
      this(key, day, requests, downstream, null);
    }
  }

  /** The calls one entry point's requests made into {@code callee} that day. */
  public record Downstream(String callee, long calls) {
    public Downstream {
      Objects.requireNonNull(callee, "callee == null");
      if (calls < 0) throw new IllegalArgumentException("negative calls into " + callee);
    }
  }
}
