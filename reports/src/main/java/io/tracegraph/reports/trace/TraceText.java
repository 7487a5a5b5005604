package io.tracegraph.reports.trace;

import io.tracegraph.model.CompactTrace;
import io.tracegraph.reports.InvisibleCharacters;
import java.time.Instant;
import java.util.Locale;

/**
 * A trace as a terminal waterfall: one line per span with its start (from the trace's start) and duration, the span
 * indented under its parent, and a bar on a time axis; {@code #} marks the critical path, {@code =} the other spans,
 * and the line ends with what the analyses found (ERROR, the error origin, where it surfaced, the dominant span). Only
 * the data's own names may be anything but ASCII ("->" for arrows, "us" for microseconds), so it prints the same in
 * any terminal and pipes cleanly; a name's invisible characters (controls, bidirectional overrides: a terminal escape
 * sequence in a service name) are printed as {@code \\uXXXX}, as {@code tracegraph sql} prints them.
 */
public final class TraceText {
  /** Characters of the time axis. */
  public static final int BAR_WIDTH = 40;
  /** Characters of the span column (deeper indentation and longer names are cut with "~"). */
  public static final int LABEL_WIDTH = 60;
  private static final int MAX_INDENT = 40;

  private TraceText() {}

  public static String render(CompactTrace t, TraceUrl links) {
    return ascii(draw(t, links));
  }

  private static String ascii(String text) {
    return text.replace(" \u2192 ", " -> ").replace(" \u00b5s", " us");
  }

  private static String draw(CompactTrace t, TraceUrl links) {
    StringBuilder sb = new StringBuilder();
    sb.append("trace ").append(t.id().hex()).append("  ").append(Instant.ofEpochSecond(0, t.startNanos()))
        .append("  ").append(TraceStory.duration(t.durationNanos())).append("  ").append(t.spanCount())
        .append(t.spanCount() == 1 ? " span" : " spans");
    if (t.errorSpans() > 0) sb.append(", ").append(t.errorSpans()).append(" failed");
    sb.append('\n');
    if (links != null) sb.append("open: ").append(links.url(t.id().hex())).append('\n');
    String dominant = TraceStory.dominant(t, InvisibleCharacters::shown);
    if (dominant != null) sb.append("where the time went: ").append(dominant).append('\n');
    for (String e : TraceStory.errors(t, InvisibleCharacters::shown)) sb.append(e).append('\n');
    String cut = TraceStory.cut(t);
    if (cut != null) sb.append(cut).append('\n');
    long extent = Math.max(1, t.extentNanos());
    sb.append('\n').append(String.format(Locale.ROOT, "%10s %10s  %-" + LABEL_WIDTH + "s |%-" + BAR_WIDTH + "s|%n",
        "start", "duration", "span", "0" + " ".repeat(Math.max(0, BAR_WIDTH - 1 - TraceStory.duration(extent).length()))
            + TraceStory.duration(extent)));
    for (int k = 0; k < t.size(); k++) {
      int depth = t.depth(k);
      String indent = "  ".repeat(Math.min(depth, MAX_INDENT));
      String label = indent + t.describe(k, InvisibleCharacters::shown) + " [" + t.kind(k).name() + "]";
      if (label.length() > LABEL_WIDTH) label = label.substring(0, LABEL_WIDTH - 1) + "~";
      sb.append(String.format(Locale.ROOT, "%10s %10s  %-" + LABEL_WIDTH + "s |%s|", TraceStory.duration(t.startOffsetNanos(k)),
          TraceStory.duration(t.durationNanos(k)), label, bar(t, k, extent)));
      if (t.has(k, CompactTrace.ERROR)) sb.append(" ERROR");
      if (t.has(k, CompactTrace.ORIGIN)) sb.append(" <- error origin");
      if (t.has(k, CompactTrace.SURFACED)) sb.append(" <- surfaced");
      if (k == t.dominant()) sb.append(" <- dominant: ").append(TraceStory.duration(t.criticalNanos(k))).append(" critical");
      if (t.has(k, CompactTrace.SKEW_ADJUSTED)) sb.append(" (clock skew adjusted)");
      sb.append('\n');
      if (t.hiddenBelow(k) > 0) {
        sb.append(String.format(Locale.ROOT, "%10s %10s  %s%n", "", "", "  ".repeat(Math.min(depth + 1, MAX_INDENT))
            + "... " + t.hiddenBelow(k) + " more spans below, not kept"));
      }
    }
    if (t.hiddenTopLevel() > 0) sb.append("... ").append(t.hiddenTopLevel()).append(" more top-level spans, not kept\n");
    return sb.toString();
  }

  /** The span's bar: its time on the axis, at least one character. */
  private static String bar(CompactTrace t, int k, long extent) {
    long start = t.startOffsetNanos(k);
    long end = start + t.durationNanos(k);
    int from = (int) Math.min(BAR_WIDTH - 1, start * BAR_WIDTH / extent);
    int to = (int) Math.max(from + 1, Math.min(BAR_WIDTH, (end * BAR_WIDTH + extent - 1) / extent));
    char fill = t.has(k, CompactTrace.CRITICAL) ? '#' : '=';
    return " ".repeat(from) + String.valueOf(fill).repeat(to - from) + " ".repeat(BAR_WIDTH - to);
  }
}
