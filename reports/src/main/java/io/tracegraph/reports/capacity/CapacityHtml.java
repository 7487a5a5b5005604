package io.tracegraph.reports.capacity;

import io.tracegraph.reports.capacity.CapacityReport.EdgeCapacity;
import io.tracegraph.reports.capacity.CapacityReport.Projection;
import io.tracegraph.reports.capacity.CapacityReport.ServiceCapacity;
import io.tracegraph.reports.html.Html;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code index.html} of a capacity report: one self-contained page in the daily report's style (its own small
 * stylesheet, allowed by hash in the Content-Security-Policy; no script, no request). Every name from the data goes
 * through {@link Html#text}/{@link Html#attr}. Sections: headline, growth ranking, a small chart per service with a
 * fit (daily calls, fitted curve, forecast with its prediction interval), the what-if projection, every edge, and
 * how the numbers are computed.
 */
public final class CapacityHtml {
  private static final String CSS = """
      :root { --fg: #1f2933; --muted: #616e7c; --line: #d9e2ec; --panel: #f5f7fa; --accent: #2563eb; --up: #d62828; }
      * { box-sizing: border-box; }
      body { margin: 0; font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); }
      header { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); }
      header h1 { margin: 0 0 4px; font-size: 20px; }
      header nav a { margin-right: 14px; color: var(--accent); text-decoration: none; font-size: 13px; }
      main { padding: 8px 24px 40px; }
      section { margin: 22px 0; }
      h2 { font-size: 17px; margin: 0 0 6px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
      p.note, .muted { color: var(--muted); font-size: 13px; margin: 2px 0 8px; }
      .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 10px 0 4px; }
      .card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 110px; }
      .card b { display: block; font-size: 18px; }
      .card span { color: var(--muted); font-size: 12px; }
      table { border-collapse: collapse; font-size: 13px; margin: 4px 0 10px; }
      th, td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
      th { background: var(--panel); white-space: nowrap; }
      td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
      .flag { color: var(--muted); font-style: italic; }
      .up { color: var(--up); }
      .charts { display: flex; flex-wrap: wrap; gap: 12px; }
      figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 6px; }
      figcaption { font-size: 12px; max-width: 280px; overflow-wrap: anywhere; }
      svg .obs { fill: #2563eb; } svg .fit { stroke: #1f2933; fill: none; stroke-width: 1.2; }
      svg .pi { stroke: #d62828; stroke-width: 2; } svg .axis { stroke: #d9e2ec; } svg text { font-size: 10px; fill: #616e7c; }
      """;
  private static final int CHART_W = 280;
  private static final int CHART_H = 120;

  private CapacityHtml() {}

  public static String render(CapacityReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src ")
        .append(Html.cspHash(CSS)).append("\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>tracegraph \u00b7 capacity ").append(r.from()).append(" to ").append(r.to()).append("</title>\n")
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<header>\n")
        .append("<h1>Capacity: ").append(r.from()).append(" to ").append(r.to()).append("</h1>\n<nav>")
        .append("<a href=\"../index.html\">All days</a><a href=\"#ranking\">Ranking</a><a href=\"#charts\">Charts</a>");
    if (!r.whatIf().isEmpty()) sb.append("<a href=\"#whatif\">What if</a>");
    sb.append("<a href=\"#edges\">Edges</a><a href=\"#method\">Method</a> <span class=\"muted\">Files: </span>")
        .append("<a href=\"capacity.json\">capacity.json</a><a href=\"services.csv\">services.csv</a>")
        .append("<a href=\"edges.csv\">edges.csv</a>");
    if (!r.whatIf().isEmpty()) sb.append("<a href=\"whatif.csv\">whatif.csv</a>");
    sb.append("</nav>\n<div class=\"cards\">");
    card(sb, Integer.toString(r.days().size()), "days with tables");
    card(sb, Integer.toString(r.services().size()), "services and peers");
    card(sb, Integer.toString(r.edges().size()), "edges");
    card(sb, r.horizonDate().toString(), "forecast day (+" + r.horizonDays() + " d)");
    if (!r.ranking().isEmpty()) {
      ServiceCapacity top = r.ranking().get(0);
      card(sb, growth(top.calls().fit().growthPerWeek().estimate()) + " / week",
          "fastest growing: " + top.service());
    }
    sb.append("</div>\n</header>\n<main>\n");
    ranking(sb, r);
    charts(sb, r);
    if (!r.whatIf().isEmpty()) whatIf(sb, r);
    edges(sb, r);
    method(sb, r);
    sb.append("</main>\n<footer class=\"muted\">Generated by tracegraph capacity.</footer>\n")
        .append("</body>\n</html>\n");
    return sb.toString();
  }

  private static void card(StringBuilder sb, String value, String label) {
    sb.append("<div class=\"card\"><b>").append(Html.text(value)).append("</b><span>").append(Html.text(label))
        .append("</span></div>");
  }

  private static void ranking(StringBuilder sb, CapacityReport r) {
    sb.append("<section id=\"ranking\">\n<h2>Services by growth</h2>\n<p class=\"note\">Calls into each service per ")
        .append("day (all its incoming edges), growth per week with its 95% confidence interval, and the forecast for ")
        .append(r.horizonDate()).append(" with its 95% prediction interval. Services are ranked by fitted growth; ")
        .append("series too short or too noisy to forecast say so instead of giving a number.</p>\n")
        .append("<table><thead><tr><th class=\"n\">rank</th><th>service</th><th class=\"n\">calls / day</th>")
        .append("<th class=\"n\">growth / week</th><th class=\"n\">95% CI</th><th class=\"n\">R\u00b2</th>")
        .append("<th class=\"n\">forecast calls / day</th><th class=\"n\">busiest minute</th>")
        .append("<th class=\"n\">forecast busiest minute</th><th class=\"n\">p99</th></tr></thead><tbody>\n");
    for (ServiceCapacity s : ordered(r)) {
      Integer rank = CapacityJson.rank(r, s);
      sb.append("<tr><td class=\"n\">").append(rank == null ? "" : rank).append("</td><td>")
          .append(Html.name(s.service())).append(s.instrumented() ? "" : " <span class=\"muted\">(peer)</span>")
          .append("</td><td class=\"n\">").append(Html.count(Math.round(s.series().meanDailyCalls()))).append("</td>");
      growthCells(sb, s.calls());
      forecastCell(sb, s.calls());
      // The edge sum is an upper bound, not the service's own busiest minute: say so where it is shown.
      sb.append("<td class=\"n\">").append(Html.count(s.series().maxBusiestMinute()))
          .append(s.busiestSource().equals(CapacityReport.SERVED_REQUESTS) ? "" : " <span class=\"muted\">"
              + Html.text(s.busiestSource()) + "</span>").append("</td>");
      forecastCell(sb, s.busiest());
      sb.append("<td class=\"n\">").append(s.p99Micros() == null ? "" : Html.micros(s.p99Micros()))
          .append("</td></tr>\n");
    }
    sb.append("</tbody></table>\n</section>\n");
  }

  /** Ranked services first, in rank order, then the others by name. */
  private static List<ServiceCapacity> ordered(CapacityReport r) {
    List<ServiceCapacity> out = new java.util.ArrayList<>(r.ranking());
    for (ServiceCapacity s : r.services()) if (!r.ranking().contains(s)) out.add(s);
    return out;
  }

  private static void growthCells(StringBuilder sb, SeriesForecast f) {
    if (f.fit() == null) {
      sb.append("<td class=\"n flag\" colspan=\"3\">").append(Html.text(f.verdict().reason())).append("</td>");
      return;
    }
    Interval g = f.fit().growthPerWeek();
    sb.append("<td class=\"n").append(g.low() > 0 ? " up" : "").append("\">").append(growth(g.estimate()))
        .append("</td><td class=\"n\">").append(growth(g.low())).append(" \u2026 ").append(growth(g.high()))
        .append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%.3f", f.fit().rSquared())).append("</td>");
  }

  private static void forecastCell(StringBuilder sb, SeriesForecast f) {
    if (f.forecast() == null) {
      sb.append("<td class=\"n flag\">").append(Html.text(f.verdict().key().replace('_', ' '))).append("</td>");
      return;
    }
    Interval p = f.forecast();
    sb.append("<td class=\"n\">").append(Html.count(Math.round(p.estimate()))).append(" <span class=\"muted\">(")
        .append(Html.count(Math.round(p.low()))).append("\u2013").append(Html.count(Math.round(p.high())))
        .append(")</span></td>");
  }

  private static String growth(double fraction) {
    return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
  }

  private static void charts(StringBuilder sb, CapacityReport r) {
    sb.append("<section id=\"charts\">\n<h2>Daily calls and forecast</h2>\n<p class=\"note\">Dots: calls per day; ")
        .append("line: the fitted growth carried to ").append(r.horizonDate())
        .append("; red bar: the 95% prediction interval there (only when the forecast is printed).</p>\n")
        .append("<div class=\"charts\">\n");
    for (ServiceCapacity s : r.ranking()) {
      sb.append("<figure>").append(chart(r, s.series().dailyCalls(), s.calls())).append("<figcaption>")
          .append(Html.name(s.service())).append(" \u00b7 ").append(growth(s.calls().fit().growthPerWeek().estimate()))
          .append(" / week</figcaption></figure>\n");
    }
    sb.append("</div>\n</section>\n");
  }

  /** Observed days as dots, the fitted curve from day 0 to the horizon, the prediction interval at the horizon. */
  static String chart(CapacityReport r, Map<LocalDate, Long> daily, SeriesForecast f) {
    double horizon = r.to().toEpochDay() - r.from().toEpochDay() + r.horizonDays();
    double yMax = 1;
    for (long v : daily.values()) yMax = Math.max(yMax, v);
    GrowthFit fit = f.fit();
    if (fit != null) yMax = Math.max(yMax, fit.predict(horizon).estimate());
    if (f.forecast() != null) yMax = Math.max(yMax, f.forecast().high());
    double left = 34, right = CHART_W - 6, top = 6, bottom = CHART_H - 16;
    double xs = (right - left) / Math.max(1, horizon);
    double ys = (bottom - top) / (yMax * 1.05);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg width=\"").append(CHART_W).append("\" height=\"").append(CHART_H).append("\" viewBox=\"0 0 ")
        .append(CHART_W).append(' ').append(CHART_H).append("\" role=\"img\">")
        .append("<line class=\"axis\" x1=\"").append(Html.num(left)).append("\" y1=\"").append(Html.num(bottom))
        .append("\" x2=\"").append(Html.num(right)).append("\" y2=\"").append(Html.num(bottom)).append("\"/>")
        .append("<text x=\"2\" y=\"").append(Html.num(top + 8)).append("\">").append(Html.count(Math.round(yMax)))
        .append("</text><text x=\"2\" y=\"").append(Html.num(bottom)).append("\">0</text>")
        .append("<text x=\"").append(Html.num(left)).append("\" y=\"").append(CHART_H - 3).append("\">")
        .append(r.from()).append("</text><text x=\"").append(Html.num(right - 58)).append("\" y=\"")
        .append(CHART_H - 3).append("\">").append(r.horizonDate()).append("</text>");
    if (fit != null) {
      svg.append("<polyline class=\"fit\" points=\"");
      for (int i = 0; i <= 40; i++) {
        double x = horizon * i / 40;
        double y = Math.min(yMax * 1.05, fit.predict(x).estimate());
        svg.append(i == 0 ? "" : " ").append(Html.num(left + x * xs)).append(',').append(Html.num(bottom - y * ys));
      }
      svg.append("\"/>");
    }
    for (Map.Entry<LocalDate, Long> e : daily.entrySet()) {
      double x = e.getKey().toEpochDay() - r.from().toEpochDay();
      svg.append("<circle class=\"obs\" cx=\"").append(Html.num(left + x * xs)).append("\" cy=\"")
          .append(Html.num(bottom - e.getValue() * ys)).append("\" r=\"2\"/>");
    }
    if (f.forecast() != null) {
      double x = left + horizon * xs;
      svg.append("<line class=\"pi\" x1=\"").append(Html.num(x)).append("\" y1=\"")
          .append(Html.num(bottom - f.forecast().low() * ys)).append("\" x2=\"").append(Html.num(x)).append("\" y2=\"")
          .append(Html.num(bottom - f.forecast().high() * ys)).append("\"/>");
    }
    return svg.append("</svg>").toString();
  }

  private static void whatIf(StringBuilder sb, CapacityReport r) {
    sb.append("<section id=\"whatif\">\n<h2>What if</h2>\n<p class=\"note\">Scaled: ");
    boolean first = true;
    for (var e : r.whatIf().factors().entrySet()) {
      sb.append(first ? "" : ", ").append("<b>").append(Html.text(e.getKey().label())).append("</b> \u00d7 ")
          .append(Numbers.text(e.getValue()));
      first = false;
    }
    sb.append(". Busiest minute: observed + \u03a3 (factor \u2212 1) \u00d7 the entry point's busiest minute of ")
        .append("requests \u00d7 its calls per request into the service (entry_points over the range), as if the ")
        .append("entry point's peak fell in the service's busiest minute: an upper bound for factors above 1 ")
        .append("(method <i>coinciding_peaks</i>). Where a scaled entry point has no busiest minute (days written ")
        .append("before tables v2) the busiest minute is multiplied like the calls (<i>share_of_calls</i>). Calls ")
        .append("per day are multiplied by 1 + \u03a3 (factor \u2212 1) \u00d7 the share of the service's calls that ")
        .append("the scaled entry point caused. Observed busiest minutes marked <i>edge_sum</i> are the sum of the ")
        .append("incoming edges' (an upper bound): no busiest minute of the service's own.</p>\n")
        .append("<table><thead><tr><th>service</th><th class=\"n\">share caused</th><th class=\"n\">multiplier</th>")
        .append("<th class=\"n\">calls / day</th><th class=\"n\">projected</th><th class=\"n\">busiest minute</th>")
        .append("<th class=\"n\">projected</th><th>method</th></tr></thead><tbody>\n");
    for (Projection p : r.projections()) {
      long caused = p.entryCalls().values().stream().mapToLong(Long::longValue).sum();
      sb.append("<tr><td>").append(Html.name(p.service())).append("</td><td class=\"n\">")
          .append(p.rangeCalls() == 0 ? "" : Html.percent(Math.min(1, caused / (double) p.rangeCalls())))
          .append("</td><td class=\"n").append(p.multiplier() > 1 ? " up" : "").append("\">")
          .append(String.format(Locale.ROOT, "\u00d7%.3f", p.multiplier())).append("</td><td class=\"n\">")
          .append(Html.count(Math.round(p.observedDailyCalls()))).append("</td><td class=\"n\">")
          .append(Html.count(Math.round(p.projectedDailyCalls()))).append("</td><td class=\"n\">")
          .append(Html.count(p.observedBusiestMinute()))
          .append(p.busiestSource().equals(CapacityReport.SERVED_REQUESTS) ? "" : " <span class=\"muted\">"
              + Html.text(p.busiestSource()) + "</span>").append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.1f", p.projectedBusiestMinute())).append("</td><td>")
          .append(Html.text(p.method())).append("</td></tr>\n");
    }
    sb.append("</tbody></table>\n</section>\n");
  }

  private static void edges(StringBuilder sb, CapacityReport r) {
    sb.append("<section id=\"edges\">\n<h2>Edges</h2>\n<table><thead><tr><th>caller</th><th>callee</th><th>type</th>")
        .append("<th class=\"n\">calls / day</th><th class=\"n\">growth / week</th><th class=\"n\">95% CI</th>")
        .append("<th class=\"n\">R\u00b2</th><th class=\"n\">forecast calls / day</th><th class=\"n\">busiest minute</th>")
        .append("<th class=\"n\">forecast busiest minute</th><th class=\"n\">p99</th></tr></thead><tbody>\n");
    for (EdgeCapacity e : r.edges()) {
      sb.append("<tr><td>").append(Html.name(e.key().caller())).append("</td><td>").append(Html.name(e.key().callee()))
          .append("</td><td>").append(Html.text(e.key().connectionType()));
      if (e.key().destination() != null) sb.append(" <span class=\"muted\">").append(Html.text(e.key().destination()))
          .append("</span>");
      sb.append("</td><td class=\"n\">").append(Html.count(Math.round(e.series().meanDailyCalls()))).append("</td>");
      growthCells(sb, e.calls());
      forecastCell(sb, e.calls());
      sb.append("<td class=\"n\">").append(Html.count(e.series().maxBusiestMinute())).append("</td>");
      forecastCell(sb, e.busiest());
      sb.append("<td class=\"n\">").append(e.p99Micros() == null ? "" : Html.micros(e.p99Micros()) + " <span class=\""
          + "muted\">" + e.p99Side() + "</span>").append("</td></tr>\n");
    }
    sb.append("</tbody></table>\n</section>\n");
  }

  private static void method(StringBuilder sb, CapacityReport r) {
    sb.append("<section id=\"method\">\n<h2>How these numbers are computed</h2>\n<p class=\"note\">")
        .append("Growth: least squares of ln(calls per day) on the day (Commons Math SimpleRegression), so growth is ")
        .append("a steady percentage; growth per week = e<sup>7b</sup> \u2212 1 with the slope's 95% t interval. ")
        .append("Forecast: e<sup>\u0177</sup> at ").append(r.horizonDate()).append(" with the 95% prediction interval ")
        .append("\u0177 \u00b1 t\u00b7s\u00b7\u221a(1 + 1/n + (x\u2080\u2212x\u0304)\u00b2/Sxx). Not forecast: fewer ")
        .append("than ").append(ForecastVerdict.MIN_DAYS).append(" days with calls (too short), or a prediction ")
        .append("interval wider than a factor of ").append((int) ForecastVerdict.MAX_INTERVAL_RATIO)
        .append(" (too noisy). Days without calls are left out of a fit. A service's busiest minute is its own, the ")
        .append("minute with the most served requests (tables v2); for uninstrumented peers and days written before ")
        .append("v2 it is the sum of its incoming edges' busiest minutes: an upper bound, exact when they peak ")
        .append("together. p99: merged ")
        .append("latency sketches over the range (1% relative accuracy).</p>\n</section>\n");
  }
}
