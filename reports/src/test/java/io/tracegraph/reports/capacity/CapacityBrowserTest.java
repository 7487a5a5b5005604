package io.tracegraph.reports.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tracegraph.reports.html.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capacity page as a person sees it: headless Chromium opens it from disk; it must load without a console error,
 * an exception or a CSP violation (its stylesheet is allowed by hash, nothing else), request nothing but itself,
 * draw one chart per ranked service, and show the hostile service name as text. Skipped without Chromium.
 */
class CapacityBrowserTest {
  @TempDir static Path tmp;

  @Test
  void theCapacityPageLoadsCleanly() throws Exception {
    var binary = HeadlessChromium.executable();
    assumeTrue(binary.isPresent(), "Chromium is not installed (apt-get install chromium; .ci/run does): skipped");
    CapacityReport report = CapacityReport.build(CapacityReportTest.input(), 7,
        new WhatIf(Map.of(CapacityReportTest.HOME, 2.0)));
    Path page = tmp.resolve("index.html");
    Files.writeString(page, CapacityHtml.render(report));
    Map<String, String> probes = new LinkedHashMap<>();
    probes.put("charts", "document.querySelectorAll('#charts svg').length");
    probes.put("images", "document.querySelectorAll('img').length");
    probes.put("hostile", "Array.from(document.querySelectorAll('#ranking td')).some(function(td){return "
        + "td.textContent==='" + CapacityReportTest.HOSTILE + " (peer)';})");
    probes.put("whatIfRows", "document.querySelectorAll('#whatif tbody tr').length");
    probes.put("styled", "getComputedStyle(document.querySelector('.card')).borderTopStyle");
    try (HeadlessChromium chromium = HeadlessChromium.start(binary.get(), tmp.resolve("profile"))) {
      HeadlessChromium.PageResult r = chromium.load(page, 1200, 900, probes,
          Path.of("target", "screenshots", "capacity.png"));
      assertEquals(List.of(), r.problems(), "console errors, exceptions, CSP violations");
      assertEquals(List.of(page.toUri().toString()), r.requests(), "the page requests nothing but itself");
      assertEquals(report.ranking().size(), r.values().get("charts").asInt());
      assertEquals(0, r.values().get("images").asInt(), "the hostile name made no image");
      assertTrue(r.values().get("hostile").asBoolean(), "the hostile name is shown as text");
      assertEquals(report.services().size(), r.values().get("whatIfRows").asInt());
      assertEquals("solid", r.values().get("styled").asText(), "the stylesheet applied under the CSP");
    }
  }
}
