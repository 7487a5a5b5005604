package io.tracegraph.reports;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one CSV writer of every output (RFC 4180: comma separated, {@code "\n"} line ends, a cell quoted when it holds
 * a comma, a quote, a line break, a semicolon or a tab, with quotes doubled; {@code null} is an empty cell).
 *
 * <p>A text cell that a spreadsheet would evaluate as a formula (CSV injection, CWE-1236) gets a leading {@code '},
 * as OWASP recommends: one that starts with {@code = + - @}, a tab, a carriage return, a line feed or NUL, or with
 * their full-width forms {@code ＝ ＋ － ＠} that some spreadsheets also accept. Excel and LibreOffice show such a cell
 * without the quote, as text; tools that read the file as data see the quote. Numbers, and text that is only a
 * decimal number ({@code -0.25}, {@code 1e-3}), are written as they are: a spreadsheet reads them as numbers, never
 * as formulas. Semicolons and tabs are quoted because spreadsheets in some locales split on
 * them, which would let a later part of a name start a cell of its own.
 */
public final class Csv {
  private static final String FORMULA_STARTS = "=+-@\t\r\n\u0000\uFF1D\uFF0B\uFF0D\uFF20";
  private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private Csv() {}

  /** One cell: text neutralised and quoted as above, anything else as its {@code toString()}. */
  public static String cell(Object value) {
    if (value == null) return "";
    String s = value.toString();
    if (value instanceof CharSequence && !s.isEmpty() && FORMULA_STARTS.indexOf(s.charAt(0)) >= 0
        && !NUMBER.matcher(s).matches()) {
      s = "'" + s;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r' || c == ';' || c == '\t') {
        return '"' + s.replace("\"", "\"\"") + '"';
      }
    }
    return s;
  }

  /** One line: the cells, comma separated, ending with {@code "\n"}. */
  public static StringBuilder line(StringBuilder sb, List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) sb.append(',');
      sb.append(cell(cells.get(i)));
    }
    return sb.append('\n');
  }
}
