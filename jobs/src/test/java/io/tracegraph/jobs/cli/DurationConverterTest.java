package io.tracegraph.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Durations as operators write them, for --grace and --max-skew. */
class DurationConverterTest {
  private final DurationConverter converter = new DurationConverter();

  @Test
  void readsEveryUnit() {
    assertEquals(Duration.ZERO, converter.convert("0"));
    assertEquals(Duration.ofMillis(250), converter.convert("250ms"));
    assertEquals(Duration.ofMillis(250), converter.convert(" 250MS "));
    assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
    assertEquals(Duration.ofMinutes(30), converter.convert("30m"));
    assertEquals(Duration.ofHours(1), converter.convert("1h"));
    assertEquals(Duration.ofDays(1), converter.convert("1d"));
    assertEquals(Duration.ofHours(1), converter.convert("PT1H"));
  }

  @Test
  void rejectsWhatItCannotRead() {
    for (String bad : new String[] {"", "ms", "soon", "1w", "1.5s", "PTx"}) {
      assertThrows(CommandLine.TypeConversionException.class, () -> converter.convert(bad), bad);
    }
  }
}
