package io.tracegraph.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void cellsFollowRfc4180() {
    assertEquals("", Csv.cell(null));
    assertEquals("checkout", Csv.cell("checkout"));
    assertEquals("\"POST /a,b\"", Csv.cell("POST /a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
    assertEquals("\"a;b\"", Csv.cell("a;b"), "spreadsheets in some locales split on semicolons");
    assertEquals("\"line\nbreak\"", Csv.cell("line\nbreak"));
    assertEquals("a,\"b,c\",,3\n", Csv.line(new StringBuilder(), java.util.Arrays.asList("a", "b,c", null, 3)).toString());
  }

  /** OWASP's CSV injection advice: a leading ' on text that starts like a formula; numbers stay numbers. */
  @Test
  void namesThatLookLikeFormulasStayText() {
    assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.cell("=HYPERLINK(\"x\")"));
    assertEquals("'+cmd", Csv.cell("+cmd"));
    assertEquals("'@SUM(A1)", Csv.cell("@SUM(A1)"));
    assertEquals("'-svc", Csv.cell("-svc"));
    assertEquals("'-1+2", Csv.cell("-1+2"));
    assertEquals("\"'\t=1\"", Csv.cell("\t=1"));
    assertEquals("'\uFF1D1+1", Csv.cell("\uFF1D1+1"), "the full-width equals sign too");
    assertEquals("-0.25", Csv.cell(-0.25), "numbers are numbers");
    for (String number : List.of("-0.25", "+3", "-1e-3", "12")) assertEquals(number, Csv.cell(number), number);
    assertEquals("a=b", Csv.cell("a=b"), "only a leading sign matters");
  }
}
