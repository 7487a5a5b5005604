package io.tracegraph.jobs.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracegraph.reports.capacity.CapacityInput.EntryKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code tracegraph capacity} as a user types it, without Spark: help, defaults, {@code --scale} and its errors. */
class CapacityCommandTest {
  static CapacityOptions parse(String... args) {
    CapacityCommand command = new CapacityCommand();
    new CommandLine(command).parseArgs(args);
    return command.options();
  }

  @Test
  void helpShowsOptionsAndExamples() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CapacityCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertEquals(0, cli.execute("--help"));
    String help = out.toString();
    for (String s : new String[] {"--from", "--to", "--out", "--horizon", "--scale", "--master", "Default: 90d",
        "95% confidence interval", "Examples:", "capacity-<to>"}) {
      assertTrue(help.contains(s), () -> s + " missing from\n" + help);
    }
    assertEquals("", err.toString());
  }

  @Test
  void defaultsAndScale() {
    CapacityOptions o = parse("--out", "/o", "--from", "2026-11-01", "--to", "2026-11-14");
    assertEquals(90, o.horizonDays());
    assertEquals(Map.of(), o.scale());
    assertEquals("capacity-2026-11-14", o.reportDir().getName());
    o = parse("--out", "/o", "--from", "2026-11-01", "--to", "2026-11-14", "--horizon", "30d",
        "--scale", "frontend POST /checkout=2.0", "--scale", "frontend GET /=1.5x");
    assertEquals(30, o.horizonDays());
    assertEquals(Map.of(new EntryKey("frontend", "POST /checkout"), 2.0, new EntryKey("frontend", "GET /"), 1.5),
        o.scale());
    assertEquals(LocalDate.parse("2026-11-01"), o.from());
  }

  /** Each bad value is a usage error naming the option and what is wrong. */
  @Test
  void badValues() {
    String[][] cases = {
        {"--scale", "frontend=2", "SERVICE OPERATION"},
        {"--scale", "frontend GET /", "ENTRY=FACTOR"},
        {"--scale", "frontend GET /=-1", "finite number >= 0"},
        {"--scale", "frontend GET /=NaN", "finite number >= 0"},
        {"--horizon", "12h", "whole number of days"},
        {"--horizon", "0", "between 1 and"},
    };
    for (String[] c : cases) {
      CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
          () -> parse("--out", "/o", "--from", "2026-11-01", "--to", "2026-11-14", c[0], c[1]));
      assertTrue(e.getMessage().contains(c[2]), () -> c[1] + ": " + e.getMessage());
    }
    CommandLine.ParameterException twice = assertThrows(CommandLine.ParameterException.class,
        () -> parse("--out", "/o", "--from", "2026-11-01", "--to", "2026-11-14", "--scale", "a b=2", "--scale",
            "a b=3"));
    assertTrue(twice.getMessage().contains("twice"));
    CommandLine.ParameterException order = assertThrows(CommandLine.ParameterException.class,
        () -> parse("--out", "/o", "--from", "2026-11-14", "--to", "2026-11-01"));
    assertTrue(order.getMessage().contains("before --from"));
  }
}
