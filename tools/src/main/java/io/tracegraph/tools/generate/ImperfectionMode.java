package io.tracegraph.tools.generate;

import java.util.Locale;

/** Whether the generator spoils its output the way real archives are spoiled ({@link Imperfections}). */
public enum ImperfectionMode {
  /** Every imperfection of {@link Imperfections} at its documented rate. */
  REALISTIC,
  /** None: every trace is a complete tree inside its day, every row reads without repair. */
  NONE;

  /** The command-line spelling: {@code realistic}, {@code none}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads the command-line spelling (any case). */
  public static ImperfectionMode parse(String value) {
    for (ImperfectionMode mode : values()) {
      if (mode.cliName().equalsIgnoreCase(value.trim())) return mode;
    }
    throw new IllegalArgumentException("'" + value + "' is not an imperfection mode: use realistic or none");
  }
}
