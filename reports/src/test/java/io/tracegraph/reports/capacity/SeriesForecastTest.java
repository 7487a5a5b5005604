package io.tracegraph.reports.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** When a series is forecast, and when it is flagged instead. */
class SeriesForecastTest {
  private static SortedMap<Integer, Long> series(long... values) {
    SortedMap<Integer, Long> m = new TreeMap<>();
    for (int i = 0; i < values.length; i++) m.put(i, values[i]);
    return m;
  }

  /** Six days are one short of a week: no fit at all, whatever the values. */
  @Test
  void sixDaysAreTooShort() {
    SeriesForecast f = SeriesForecast.of(series(100, 105, 110, 116, 122, 128), 30);
    assertEquals(ForecastVerdict.TOO_SHORT, f.verdict());
    assertNull(f.fit());
    assertNull(f.forecast());
    assertEquals(6, f.days());
  }

  /** Days without calls are left out and counted: seven days of which two are zero are too short. */
  @Test
  void zeroDaysDoNotCount() {
    SeriesForecast f = SeriesForecast.of(series(100, 0, 110, 116, 0, 128, 130), 30);
    assertEquals(ForecastVerdict.TOO_SHORT, f.verdict());
    assertEquals(5, f.days());
    assertEquals(2, f.zeroDays());
  }

  /** A steady series a week after the data: a tight interval, printed. */
  @Test
  void steadySeriesIsForecast() {
    SeriesForecast f = SeriesForecast.of(series(100, 101, 99, 100, 102, 98, 100, 101), 14);
    assertEquals(ForecastVerdict.OK, f.verdict());
    assertNotNull(f.forecast());
    assertEquals(100, f.forecast().estimate(), 2);
  }

  /**
   * The same kind of scatter, far out: with 8 days and ±30% scatter, 90 days ahead the interval spans more than a
   * factor of 4, so the series is flagged; its growth is still reported.
   */
  @Test
  void scatterFarOutIsTooNoisy() {
    SeriesForecast f = SeriesForecast.of(series(100, 140, 70, 130, 75, 135, 70, 120), 7 + 90);
    assertEquals(ForecastVerdict.TOO_NOISY, f.verdict());
    assertNotNull(f.fit());
    assertNull(f.forecast());
    Interval raw = f.fit().predict(97);
    assertEquals(true, raw.high() / raw.low() > ForecastVerdict.MAX_INTERVAL_RATIO);
  }
}
