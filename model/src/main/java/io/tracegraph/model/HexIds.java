package io.tracegraph.model;

/**
 * Hex ids as compact numbers. A span id is 16 hex digits, one {@code long}; a trace id is 32 hex digits, two
 * {@code long}s. Shorter ids are left-padded with zeros (Zipkin's 16-hex trace ids), any letter case is accepted.
 * Zero is never a valid id: OpenTelemetry reserves the all-zero id for "no id".
 *
 * <p>Ids are read from any {@link CharSequence}: a {@code String}, or a reader's view of the raw bytes that spares
 * decoding the text only to parse it back (only ASCII hex digits are ever accepted, so bytes and chars agree).
 */
public final class HexIds {
  private HexIds() {}

  /** True when {@code s} is 1..maxDigits ASCII hex digits ({@code 0-9a-fA-F}). */
  public static boolean isHex(CharSequence s, int maxDigits) {
    if (s == null || s.isEmpty() || s.length() > maxDigits) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      // Not Character.digit: it also reads non-ASCII digits and fullwidth letters ('\uFF21' is 10).
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    }
    return true;
  }

  /** True when {@code s} has an upper-case hex letter (it will be read, and the repair counted). */
  public static boolean hasUpperCase(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'F') return true;
    }
    return false;
  }

  /** The value of the last up-to-16 hex digits ending at {@code end}; the caller has checked {@link #isHex}. */
  public static long low64(CharSequence s, int end) {
    long v = 0;
    for (int i = Math.max(0, end - 16); i < end; i++) {
      char c = s.charAt(i);
      v = (v << 4) | (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10); // ASCII hex: '|0x20' lower-cases A-F
    }
    return v;
  }

  /** The high 64 bits of a trace id of up to 32 hex digits. */
  public static long traceHigh(CharSequence hex) {
    return hex.length() > 16 ? low64(hex, hex.length() - 16) : 0L;
  }

  /** The low 64 bits of a trace id of up to 32 hex digits. */
  public static long traceLow(CharSequence hex) {
    return low64(hex, hex.length());
  }

  /** A span id as 16 lower-case hex digits. */
  public static String toHex(long id) {
    String s = Long.toHexString(id);
    return "0".repeat(16 - s.length()) + s;
  }

  /** A trace id as 32 lower-case hex digits. */
  public static String toHex(long high, long low) {
    return toHex(high) + toHex(low);
  }
}
