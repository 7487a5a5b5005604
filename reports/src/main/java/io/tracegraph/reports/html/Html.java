package io.tracegraph.reports.html;

import io.tracegraph.reports.InvisibleCharacters;
import io.tracegraph.reports.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Escaping and formatting for the HTML reports, the one HTML escape of every page. Every string that comes from the
 * data (service names, peer names, anything from the spans) goes through {@link #text}, {@link #attr} or
 * {@link #name} before it touches the page, and into inline JSON only through {@link #scriptJson}, so a service
 * called {@code <img src=x onerror=alert(1)>} is shown as text. {@link #text} also shows the
 * {@link InvisibleCharacters} as {@code \\uXXXX} text, so a name with a right-to-left override cannot reverse the
 * text beside it, and {@link #name} shortens names to {@link #MAX_NAME} characters (the page's data keeps them whole;
 * {@code report.js} shows them by the same two rules).
 */
public final class Html {
  /** Names longer than this many characters are shown shortened. */
  public static final int MAX_NAME = 200;

  private Html() {}

  /** Text content: {@code & < > " '} as character references, invisible characters as {@code \\uXXXX}. */
  public static String text(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if (InvisibleCharacters.is(c)) sb.append(InvisibleCharacters.visible(c));
          else sb.append(c);
        }
      }
    }
    return sb.toString();
  }

  /** A name from the data as the page shows it, before escaping: at most {@link #MAX_NAME} characters. */
  public static String shown(String name) {
    return Labels.shortened(name, MAX_NAME);
  }

  /** A name from the data as text content: {@link #shown}, then {@link #text}. */
  public static String name(String name) {
    return text(shown(name));
  }

  /** An attribute value (always written in double quotes): the same escaping as text. */
  public static String attr(String s) {
    return text(s);
  }

  /**
   * JSON text made safe inside {@code <script type="application/json">}: {@code <}, {@code >}, {@code &} and the
   * line separators U+2028/U+2029 become JSON escapes, so no data can close the element or open a comment.
   */
  public static String scriptJson(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  /** 1234567 → "1,234,567". */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A fraction as a percentage with adaptive digits: 0 → "0%", 0.0004 → "0.04%", 0.1234 → "12.3%". */
  public static String percent(double fraction) {
    double p = fraction * 100;
    if (p == 0) return "0%";
    if (p < 0.01) return "<0.01%";
    if (p < 1) return String.format(Locale.ROOT, "%.2f%%", p);
    if (p < 10) return String.format(Locale.ROOT, "%.1f%%", p);
    return String.format(Locale.ROOT, "%.0f%%", p);
  }

  /** Microseconds in a readable unit: 850 → "850 µs", 12_300 → "12.3 ms", 2_500_000 → "2.50 s". */
  public static String micros(double us) {
    if (us < 1000) return String.format(Locale.ROOT, "%.0f µs", us);
    if (us < 1_000_000) return String.format(Locale.ROOT, us < 10_000 ? "%.2f ms" : "%.1f ms", us / 1000);
    return String.format(Locale.ROOT, "%.2f s", us / 1_000_000);
  }

  /** A p-value in scientific notation with three significant digits. */
  public static String pValue(double p) {
    if (p == 0) return "< 1e-300";
    return String.format(Locale.ROOT, p < 0.001 ? "%.2e" : "%.4f", p);
  }

  /** Fixed-point number for SVG coordinates. */
  public static String num(double v) {
    String s = String.format(Locale.ROOT, "%.1f", v);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  /** The CSP source of an inline script or style: {@code 'sha256-...'}. */
  public static String cspHash(String content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A resource of this package as text (the report's CSS and JavaScript). */
  static String resource(String name) {
    try (InputStream in = Html.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
