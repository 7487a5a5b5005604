package io.tracegraph.reports.trace;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Links from a trace id to the user's tracing UI ({@code --trace-url}): a template with the placeholder
 * {@value #PLACEHOLDER}, replaced by the URL-encoded 32-digit id, for example
 * {@code https://jaeger.example/trace/{traceId}}. Only {@code http} and {@code https} templates are accepted, so a
 * link in the report can only ever navigate to a web page (never {@code javascript:} or {@code data:}); the template
 * is otherwise taken as given (Grafana's Explore URLs carry JSON), and escaped wherever it is written into HTML.
 */
public final class TraceUrl {
  /** The placeholder the trace id replaces. */
  public static final String PLACEHOLDER = "{traceId}";
  private static final Pattern WEB_URL = Pattern.compile("(?i)https?://[^/?#\\s]+([/?#].*)?");

  private final String template;

  private TraceUrl(String template) {
    this.template = template;
  }

  /**
   * The links of {@code template}; IllegalArgumentException, with a message meant for the command line, when it is
   * not an http(s) URL with a host and the placeholder, or holds white space or control characters.
   */
  public static TraceUrl of(String template) {
    Objects.requireNonNull(template, "template == null");
    String example = " (e.g. https://jaeger.example/trace/" + PLACEHOLDER + ")";
    if (!WEB_URL.matcher(template).matches()) {
      throw new IllegalArgumentException("--trace-url must be an http:// or https:// URL with a host" + example
          + ", got '" + template + "'");
    }
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException("--trace-url must not contain white space or control characters"
            + " (URL-encode them, e.g. %20), got '" + template + "'");
      }
    }
    if (!template.contains(PLACEHOLDER)) {
      throw new IllegalArgumentException("--trace-url must contain " + PLACEHOLDER + " where the trace id goes"
          + example + ", got '" + template + "'");
    }
    return new TraceUrl(template);
  }

  /** The template as given. */
  public String template() {
    return template;
  }

  /** The URL of trace {@code traceIdHex} (every occurrence of the placeholder replaced). */
  public String url(String traceIdHex) {
    return template.replace(PLACEHOLDER, URLEncoder.encode(traceIdHex, StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TraceUrl l && l.template.equals(template);
  }

  @Override
  public int hashCode() {
    return template.hashCode();
  }

  @Override
  public String toString() {
    return template;
  }
}
