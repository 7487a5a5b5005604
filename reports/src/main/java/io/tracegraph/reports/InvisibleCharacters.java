package io.tracegraph.reports;

/**
 * The characters a name can carry that change how the text around them is shown without showing themselves: the
 * C0 controls other than tab, line feed and carriage return, DEL and the C1 controls; the bidirectional marks,
 * embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), with which a name
 * such as {@code "evil\\u202Egpj.exe"} reads backwards; the line and paragraph separators U+2028 and U+2029; and the
 * byte-order mark U+FEFF. Every output that has a character escape writes these as one (JSON {@code \\u202E},
 * GraphML {@code &#x202E;}, Mermaid {@code #8238;}), and the HTML report shows them as visible {@code \\u202E}
 * text, so a name never reorders or hides what is written next to it. One definition for every output.
 */
public final class InvisibleCharacters {
  private InvisibleCharacters() {}

  /** True when {@code codePoint} is one of the invisible characters above. */
  public static boolean is(int codePoint) {
    return (codePoint < 0x20 && codePoint != '\t' && codePoint != '\n' && codePoint != '\r')
        || (codePoint >= 0x7F && codePoint <= 0x9F)
        || codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
        || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069)
        || codePoint == 0x2028 || codePoint == 0x2029 || codePoint == 0xFEFF;
  }

  /** True when {@code s} has at least one of them. */
  public static boolean in(String s) {
    return s.codePoints().anyMatch(InvisibleCharacters::is);
  }

  /** {@code s} with each invisible character written as {@link #visible}: for plain-text displays. */
  public static String shown(String s) {
    if (!in(s)) return s;
    StringBuilder sb = new StringBuilder(s.length() + 16);
    s.codePoints().forEach(c -> {
      if (is(c)) sb.append(visible(c));
      else sb.appendCodePoint(c);
    });
    return sb.toString();
  }

  /** {@code \\uXXXX}: how a character is written where the format has no escape of its own. */
  public static String visible(int codePoint) {
    return String.format(java.util.Locale.ROOT, "\\u%04X", codePoint);
  }
}
