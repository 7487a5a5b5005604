package io.tracegraph.jobs.importer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which CSV column holds which span field ({@code --map trace_id=TraceID,span_id=SpanID,...}). Targets: the string
 * fields {@link #STRING_TARGETS}; the start as {@code start_time_unix_nano|_micro|_milli}; the end as
 * {@code end_time_unix_nano|_micro|_milli} or a {@code duration_nano|_micro|_milli}; {@code attr.KEY} for a span
 * attribute (e.g. {@code attr.peer.service=Peer}). trace_id, span_id, a start and an end or duration are required; a
 * missing kind is UNSPECIFIED. {@code servicePattern}, when given, rewrites the service value to its first capture
 * group when it matches (e.g. a Kubernetes pod name to its deployment).
 */
record CsvMapping(Map<String, String> columns, Pattern servicePattern) {
  static final Set<String> STRING_TARGETS = Set.of("trace_id", "span_id", "parent_span_id", "service_name", "name",
      "kind", "status_code", "status_message");
  static final List<String> UNITS = List.of("nano", "micro", "milli");

  CsvMapping {
    columns = Map.copyOf(columns);
    Map<String, String> cols = columns;
    List<String> problems = new ArrayList<>();
    for (String target : columns.keySet()) {
      if (!STRING_TARGETS.contains(target) && !target.startsWith("attr.") && timeTarget(target) == null) {
        problems.add("unknown field '" + target + "'");
      }
    }
    if (!columns.containsKey("trace_id")) problems.add("trace_id is required");
    if (!columns.containsKey("span_id")) problems.add("span_id is required");
    if (UNITS.stream().filter(u -> cols.containsKey("start_time_unix_" + u)).count() != 1) {
      problems.add("exactly one of start_time_unix_nano, start_time_unix_micro, start_time_unix_milli is required");
    }
    long ends = UNITS.stream().filter(u -> cols.containsKey("end_time_unix_" + u) || cols.containsKey("duration_" + u))
        .count();
    if (ends != 1) problems.add("exactly one end_time_unix_* or duration_* is required");
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("--map: " + String.join("; ", problems) + " (fields: "
          + String.join(", ", new java.util.TreeSet<>(STRING_TARGETS)) + ", start_time_unix_nano|micro|milli, "
          + "end_time_unix_nano|micro|milli, duration_nano|micro|milli, attr.KEY)");
    }
  }

  /** Parses {@code field=Column} pairs. */
  static CsvMapping parse(List<String> pairs, String servicePattern) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) throw new IllegalArgumentException("--map: '" + pair + "' is not field=Column");
      columns.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return new CsvMapping(columns, servicePattern == null ? null : Pattern.compile(servicePattern));
  }

  /** Nanoseconds per unit of a time target (start_time_unix_micro → 1000), or null when not a time target. */
  static Long timeTarget(String target) {
    for (String prefix : List.of("start_time_unix_", "end_time_unix_", "duration_")) {
      if (target.startsWith(prefix)) {
        return switch (target.substring(prefix.length())) {
          case "nano" -> 1L;
          case "micro" -> 1_000L;
          case "milli" -> 1_000_000L;
          default -> null;
        };
      }
    }
    return null;
  }

  /** A time value in nanoseconds (decimals allowed, e.g. milliseconds with a fraction); null when empty. */
  static Long nanos(String value, long unit) {
    if (value == null || value.isBlank()) return null;
    return new BigDecimal(value.trim()).multiply(BigDecimal.valueOf(unit)).setScale(0, java.math.RoundingMode.HALF_UP)
        .longValueExact();
  }

  String service(String raw) {
    if (raw == null || servicePattern == null) return raw;
    var m = servicePattern.matcher(raw);
    return m.matches() && m.groupCount() >= 1 ? m.group(1) : raw;
  }

  /** A fingerprint of the mapping, part of the import key (the same file mapped differently is a different import). */
  String fingerprint() {
    return new java.util.TreeMap<>(columns) + " " + (servicePattern == null ? "" : servicePattern.pattern());
  }
}
