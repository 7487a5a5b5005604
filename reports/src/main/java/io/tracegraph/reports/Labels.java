package io.tracegraph.reports;

/**
 * Names shortened for display. A name from the data can be a megabyte long; the outputs that only show it (the
 * HTML report, the Mermaid labels) show its start, while every output that identifies by it (JSON, DOT, GraphML,
 * CSV) keeps it whole.
 */
public final class Labels {
  private Labels() {}

  /**
   * {@code name} when it has at most {@code max} characters (code points), else its first {@code max - 1} and
   * "…"; never splits a surrogate pair.
   */
  public static String shortened(String name, int max) {
    if (max < 2) throw new IllegalArgumentException("max < 2: " + max);
    if (name.length() <= max || name.codePointCount(0, name.length()) <= max) return name;
    return name.substring(0, name.offsetByCodePoints(0, max - 1)) + "\u2026";
  }
}
