package io.tracegraph.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A tolerated irregularity in an input row: the row is used, with the stated interpretation, and the repair is
 * counted. A row can carry several repairs; they travel as a bit mask ({@link #bit()}).
 */
public enum Repair {
  ID_UPPER_CASE("a hex id had upper-case letters; read case-insensitively"),
  TRACE_ID_PADDED("trace_id had fewer than 32 hex digits; left-padded with zeros"),
  SPAN_ID_PADDED("span_id had fewer than 16 hex digits; left-padded with zeros"),
  PARENT_ID_SELF("parent_span_id equal to span_id; read as no parent"),
  PARENT_ID_INVALID("parent_span_id not hex; read as no parent"),
  KIND_SPELLING("kind spelled other than SERVER/CLIENT/...; normalised"),
  KIND_UNKNOWN("kind null or unknown; read as UNSPECIFIED"),
  STATUS_SPELLING("status_code spelled other than UNSET/OK/ERROR; normalised"),
  STATUS_UNKNOWN("status_code spelled in no known way; read as UNSET (null is UNSET, not a repair)"),
  SERVICE_MISSING("service_name null or empty; read as a span without service (never a node of the graph)"),
  SAMPLING_WEIGHT_INVALID("a sampling marker (tracestate ot=th:, sampling.priority, sampler.param) could not be read;"
      + " read as no marker"),
  RESEND_COUNT_INVALID("http.request.resend_count not a whole number; read as not re-sent");

  private final String description;

  Repair(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  public int bit() {
    return 1 << ordinal();
  }

  /** The name used in run.json, e.g. {@code kind_spelling}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Set<Repair> decode(int mask) {
    Set<Repair> repairs = EnumSet.noneOf(Repair.class);
    for (Repair r : values()) if ((mask & r.bit()) != 0) repairs.add(r);
    return repairs;
  }
}
