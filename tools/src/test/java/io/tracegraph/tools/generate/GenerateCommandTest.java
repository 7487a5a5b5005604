package io.tracegraph.tools.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracegraph.jobs.SparkTestBase;
import io.tracegraph.reports.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tracegraph generate} as a user types it: defaults, usage errors (exit code 2), help, one real run. */
class GenerateCommandTest extends SparkTestBase {
  @TempDir Path tmp;

  static GeneratorOptions parse(String... args) {
    GenerateCommand command = new GenerateCommand();
    new CommandLine(command).parseArgs(args);
    return command.options();
  }

  /** Runs the command; returns the exit code and keeps what it printed on standard error. */
  static int run(StringWriter err, String... args) {
    CommandLine cli = new CommandLine(new GenerateCommand());
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** Only --out is required; everything else has the documented default. */
  @Test
  void defaults() {
    GeneratorOptions options = parse("--out", "/tmp/x");
    assertEquals("/tmp/x", options.out());
    assertEquals(LocalDate.now(ZoneOffset.UTC).minusDays(1), options.firstDay());
    assertEquals(1, options.days());
    assertEquals(200_000, options.spans());
    assertEquals(42, options.seed());
    assertEquals(ImperfectionMode.REALISTIC, options.imperfections());
    assertEquals(2, options.partitions());
    assertEquals(40, parse("--out", "x", "--spans", "20000000").partitions(), "max(2, spans / 500000)");
  }

  @Test
  void everyOption() {
    GeneratorOptions options = parse("--out", "o", "--date", "2026-02-28", "--days", "3", "--spans", "5000",
        "--seed", "-7", "--imperfections", "NONE", "--master", "local[3]", "--partitions", "9");
    assertEquals(GeneratorOptions.builder("o", LocalDate.of(2026, 2, 28)).days(3).spans(5000).seed(-7)
        .imperfections(ImperfectionMode.NONE).master("local[3]").partitions(9).build(), options);
  }

  /** Bad values are usage errors (exit 2) that name the option, before any Spark work. */
  @Test
  void badArgumentsAreUsageErrors() {
    String[][] cases = {
        {"--date", "2026-13-01"},
        {"--date", "yesterday"},
        {"--days", "0"},
        {"--spans", "0"},
        {"--partitions", "0"},
        {"--imperfections", "some"},
        {"--days", "two"},
        {"--slower", "nope=2"},
        {"--slower", "checkout=-1"},
        {"--extra-call", "payment"},
        {"--extra-call", "payment=redis"},
    };
    for (String[] bad : cases) {
      StringWriter err = new StringWriter();
      String[] args = new String[bad.length + 2];
      args[0] = "--out";
      args[1] = tmp.resolve("never").toString();
      System.arraycopy(bad, 0, args, 2, bad.length);
      assertEquals(2, run(err, args), String.join(" ", bad));
      assertTrue(err.toString().contains(bad[0]), () -> "message names the option: " + err);
    }
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "--days", "1"), "--out is required");
    assertTrue(err.toString().contains("--out"), err::toString);
    assertTrue(Files.notExists(tmp.resolve("never")));
  }

  @Test
  void helpShowsOptionsAndExamples() {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new GenerateCommand());
    cli.setOut(new PrintWriter(out, true));
    assertEquals(0, cli.execute("--help"));
    String help = out.toString();
    for (String option : new String[] {"--out", "--date", "--days", "--spans", "--seed", "--imperfections",
        "--master", "--partitions", "Examples:", "realistic, none", "--slower=SERVICE=FACTOR",
        "--extra-call=CALLER=CALLEE"}) {
      assertTrue(help.contains(option), () -> option + " missing from\n" + help);
    }
  }

  /** End to end through the command: exit 0, the day's partition and the ground truth next to it. */
  @Test
  void generatesADay() throws Exception {
    Path root = tmp.resolve("archive");
    StringWriter err = new StringWriter();
    int code = run(err, "--out", root.toString(), "--date", "2026-03-01", "--spans", "3000", "--master", "local[2]",
        "--imperfections", "none");
    assertEquals(0, code, err::toString);
    assertTrue(Files.isDirectory(root.resolve("date=2026-03-01")));
    assertTrue(Files.isDirectory(root.resolve("_generator/expected_links/date=2026-03-01")));
    assertTrue(Files.isDirectory(root.resolve("_generator/traces/date=2026-03-01")));
    JsonNode summary = Json.mapper().readTree(root.resolve("_generator/summary.json").toFile());
    assertEquals(42, summary.get("seed").asLong());
    assertEquals("none", summary.get("imperfections_mode").asText());
    long spans = summary.at("/spans_written_per_day/2026-03-01").asLong();
    assertTrue(spans > 2_500 && spans < 3_500, "about 3000 spans: " + spans);
  }
}
