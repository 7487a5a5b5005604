package io.tracegraph.reports.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CapacityCsvTest {
  @Test
  void cellsFollowRfc4180() {
    assertEquals("", CapacityCsv.cell(null));
    assertEquals("checkout", CapacityCsv.cell("checkout"));
    assertEquals("\"POST /a,b\"", CapacityCsv.cell("POST /a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CapacityCsv.cell("say \"hi\""));
  }

  @Test
  void namesThatLookLikeFormulasStayText() {
    assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", CapacityCsv.cell("=HYPERLINK(\"x\")"));
    assertEquals("'+cmd", CapacityCsv.cell("+cmd"));
    assertEquals("'@SUM(A1)", CapacityCsv.cell("@SUM(A1)"));
    assertEquals("'-svc", CapacityCsv.cell("-svc"));
    assertEquals("-0.25", CapacityCsv.cell(-0.25), "numbers are numbers");
    assertEquals("a=b", CapacityCsv.cell("a=b"), "only a leading sign matters");
  }
}
