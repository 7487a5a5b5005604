package io.tracegraph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Sampling markers as instrumentation writes them, and what each says about the traffic a span stands for. */
class SamplingWeightTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  /** OpenTelemetry's threshold: rejection threshold T out of 2^56, probability 1 - T/2^56. */
  @Test
  void otelThresholdInTracestate() {
    assertEquals(1.0, SamplingWeight.of("ot=th:0", null, null, null));
    assertEquals(2.0, SamplingWeight.of("ot=th:8", null, null, null), "th:8 = 0x80000000000000: probability 1/2");
    assertEquals(4.0, SamplingWeight.of("ot=th:c", null, null, null), "probability 1/4");
    assertEquals(10.0, SamplingWeight.of("ot=th:e6666666666666", null, null, null), 1e-9,
        "the spec's 10% example (threshold e6666666666666 rounds the probability to 0.1)");
    assertEquals(2.0, SamplingWeight.of("rojo=00f067aa0ba902b7, ot=rv:abcdef01234567;th:8 ,congo=t61rcWkgMzE",
        null, null, null), "other vendors and other ot sub-keys are skipped");
    assertEquals(SamplingWeight.NONE, SamplingWeight.of("rojo=00f067aa0ba902b7", null, null, null));
    assertEquals(SamplingWeight.INVALID, SamplingWeight.of("ot=th:xyz", null, null, null));
    assertEquals(SamplingWeight.INVALID, SamplingWeight.of("ot=th:123456789abcdef", null, null, null),
        "more than 14 hex digits");
  }

  /** A trace kept on purpose (debug, forced) stands for itself, whatever the sampler said. */
  @Test
  void samplingPriorityAboveZeroIsWeightOne() {
    assertEquals(1.0, SamplingWeight.of(null, "1", "probabilistic", "0.1"));
    assertEquals(10.0, SamplingWeight.of(null, "0", "probabilistic", "0.1"), "0 says nothing about the rate");
    assertEquals(SamplingWeight.INVALID, SamplingWeight.of(null, "yes", null, null));
  }

  @Test
  void jaegerSamplerTags() {
    assertEquals(10.0, SamplingWeight.of(null, null, "probabilistic", "0.1"), 1e-12);
    assertEquals(1000.0, SamplingWeight.of(null, null, "lowerbound", "0.001"), 1e-9);
    assertEquals(1.0, SamplingWeight.of(null, null, "const", "1"));
    assertEquals(SamplingWeight.NONE, SamplingWeight.of(null, null, "ratelimiting", "2.0"),
        "a rate limit does not tell the probability");
    assertEquals(SamplingWeight.INVALID, SamplingWeight.of(null, null, "probabilistic", "0"));
    assertEquals(SamplingWeight.INVALID, SamplingWeight.of(null, null, "probabilistic", "ten percent"));
    assertEquals(SamplingWeight.INVALID, SamplingWeight.of(null, null, "probabilistic", null));
    assertEquals(SamplingWeight.NONE, SamplingWeight.of(null, null, null, null));
  }

  /** Estimated counts are sums in fixed point: any summation order gives the same bits. */
  @Test
  void fixedPointSumsDoNotDependOnOrder() {
    long a = SamplingWeight.fixed(1 / 0.3);
    long b = SamplingWeight.fixed(1 / 0.7);
    long c = SamplingWeight.fixed(7);
    assertEquals(SamplingWeight.toDouble((a + b) + c), SamplingWeight.toDouble(a + (c + b)));
    assertEquals(a + b + c, SamplingWeight.fromDouble(SamplingWeight.toDouble(a + b + c)));
    assertEquals(SamplingWeight.ONE, SamplingWeight.fixed(1));
  }

  /** The parser reads the markers, and an unreadable one is a counted repair, read as no marker. */
  @Test
  void parserCountsUnreadableMarkers() {
    ParsedRow ok = SpanRowParser.parse(TRACE, SPAN, null, "svc", "op", "SERVER", 1L, 2L, "OK", null,
        new SpanExtras(false, null, null, null, "probabilistic", "0.25"));
    assertEquals(4.0, ok.span().samplingWeight());
    assertEquals(0, ok.repairs());
    ParsedRow bad = SpanRowParser.parse(TRACE, SPAN, null, "svc", "op", "SERVER", 1L, 2L, "OK", null,
        new SpanExtras(false, null, "ot=th:zz", null, null, null));
    assertEquals(SamplingWeight.NONE, bad.span().samplingWeight());
    assertEquals(Repair.SAMPLING_WEIGHT_INVALID.bit(), bad.repairs());
  }
}
