package io.tracegraph.reports.html;

import java.util.List;
import java.util.Locale;

/**
 * A small inline SVG bar chart of the 24 UTC hours (hour 0 on the left), scaled to its own busiest hour; each bar
 * carries its count as an SVG {@code <title>}, shown on hover without script.
 */
final class Sparkline {
  static final int BAR = 6;
  static final int STEP = 7;
  static final int HEIGHT = 24;

  private Sparkline() {}

  static String svg(List<Long> counts) {
    long max = Math.max(1, counts.stream().mapToLong(Long::longValue).max().orElse(0));
    StringBuilder bars = new StringBuilder("<svg class=\"spark\" width=\"").append(counts.size() * STEP)
        .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(counts.size() * STEP).append(' ')
        .append(HEIGHT).append("\">");
    for (int h = 0; h < counts.size(); h++) {
      double bh = (HEIGHT - 2.0) * counts.get(h) / max;
      bars.append("<rect x=\"").append(h * STEP).append("\" y=\"").append(Html.num(HEIGHT - 1 - bh))
          .append("\" width=\"").append(BAR).append("\" height=\"").append(Html.num(bh)).append("\"><title>")
          .append(String.format(Locale.ROOT, "%02d", h)).append(" h: ").append(Html.count(counts.get(h)))
          .append("</title></rect>");
    }
    return bars.append("</svg>").toString();
  }
}
