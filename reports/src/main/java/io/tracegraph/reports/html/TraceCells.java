package io.tracegraph.reports.html;

/**
 * A trace id wherever the report shows one: a link that draws the trace's waterfall when the page holds its tree,
 * and a link to the user's tracing UI when {@code --trace-url} was given; otherwise the id as text, whose title says
 * how to print the trace from the archive.
 */
final class TraceCells {
  private TraceCells() {}

  /** The trace's links, labelled {@code label} (a duration, or the id's first digits). */
  static String link(PageTraces traces, String hex, String label) {
    StringBuilder sb = new StringBuilder();
    if (traces.has(hex)) {
      sb.append("<a class=\"trace\" href=\"#trace-").append(hex).append("\" data-trace=\"").append(hex)
          .append("\" title=\"waterfall of trace ").append(hex).append("\">").append(Html.text(label)).append("</a>");
    } else {
      sb.append("<span class=\"trace-id\" title=\"trace ").append(hex)
          .append(": not kept in this report; tracegraph trace --trace-id ").append(hex)
          .append(" prints it from the archive\">").append(Html.text(label)).append("</span>");
    }
    if (traces.links() != null) {
      sb.append(" <a class=\"ext\" href=\"").append(Html.attr(traces.links().url(hex)))
          .append("\" target=\"_blank\" rel=\"noopener noreferrer\" title=\"open trace ").append(hex)
          .append(" in your tracing UI\">\u2197</a>");
    }
    return sb.toString();
  }

  /** The first 8 hex digits, enough to tell a day's traces apart by eye. */
  static String shortId(String hex) {
    return hex.substring(0, 8) + "\u2026";
  }
}
