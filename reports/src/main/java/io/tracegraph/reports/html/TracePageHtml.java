package io.tracegraph.reports.html;

import io.tracegraph.model.CompactTrace;
import io.tracegraph.reports.Json;
import io.tracegraph.reports.trace.TraceUrl;
import io.tracegraph.reports.trace.WaterfallData;
import java.util.List;

/**
 * One trace's waterfall as a page of its own ({@code tracegraph trace --format html}): the same self-contained page
 * as the day's report (its style, script and Content-Security-Policy), drawing the one trace it holds when it opens.
 */
public final class TracePageHtml {
  private TracePageHtml() {}

  public static String render(CompactTrace trace, TraceUrl links) {
    String id = trace.id().hex();
    StringBuilder sb = new StringBuilder(DayReportHtml.head("tracegraph \u00b7 trace " + id));
    sb.append("<body>\n<header>\n<h1>Trace ").append(id).append("</h1>\n<p class=\"note\">")
        .append(Html.count(trace.spanCount())).append(trace.spanCount() == 1 ? " span" : " spans")
        .append(", read from the span archive by tracegraph trace. Click a span's triangle to fold its subtree.</p>\n")
        .append("</header>\n<main>\n<section id=\"traces\">\n<div id=\"waterfall\" class=\"waterfall\"></div>\n")
        .append("</section>\n</main>\n");
    sb.append("<script type=\"application/json\" id=\"trace-data\">")
        .append(Html.scriptJson(Json.compact(WaterfallData.block(List.of(trace), links, id, null))))
        .append("</script>\n").append(DayReportHtml.script()).append("</body>\n</html>\n");
    return sb.toString();
  }
}
