package io.tracegraph.model;

import java.util.Locale;

/**
 * Reads an OpenTelemetry protocol enum ({@link SpanKind}, {@link StatusCode}) in every spelling seen in real
 * archives: the bare name ({@code SERVER}), the protobuf name with its prefix ({@code SPAN_KIND_SERVER}), any case
 * ({@code Server}, {@code server}) and the OTLP enum number ({@code 2}). The Java constants are declared in OTLP
 * number order, so a constant's ordinal is its number.
 */
final class OtlpEnum {
  private OtlpEnum() {}

  /**
   * The constant {@code raw} spells, or null for a spelling it does not know (blank, unknown name, number out of
   * range).
   *
   * @param prefix the protobuf name prefix, such as {@code "SPAN_KIND_"}
   * @param byNumber every constant of the enum, in OTLP number order ({@code values()})
   */
  static <E extends Enum<E>> E parseOrNull(String raw, String prefix, E[] byNumber) {
    if (raw == null) return null;
    String s = raw.trim();
    if (s.isEmpty()) return null;
    if (s.length() == 1 && s.charAt(0) >= '0' && s.charAt(0) <= '9') { // an OTLP enum number, ASCII only
      int n = s.charAt(0) - '0';
      return n < byNumber.length ? byNumber[n] : null;
    }
    for (E e : byNumber) {
      if (s.equals(e.name())) return e; // the usual spelling, read without allocating (once per span and field)
    }
    String upper = s.toUpperCase(Locale.ROOT);
    if (upper.startsWith(prefix)) upper = upper.substring(prefix.length());
    try {
      return Enum.valueOf(byNumber[0].getDeclaringClass(), upper);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
