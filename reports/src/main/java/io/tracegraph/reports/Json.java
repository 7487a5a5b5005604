package io.tracegraph.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration of every report: two-space indent, "\n" line ends and a final newline. Callers pass
 * maps with a fixed iteration order (LinkedHashMap in field order, TreeMap for keyed counts), so the same values
 * always give the same bytes. Strings are escaped as JSON requires, and the {@link InvisibleCharacters} (bidi
 * overrides, DEL, C1 controls, U+2028/U+2029, ...) as {@code \\uXXXX} too, so a name read from the data shows in a
 * text editor as what it is and reads back unchanged.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final CharacterEscapes ESCAPES = new InvisibleEscapes();
  private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"))).with(ESCAPES);
  private static final ObjectWriter COMPACT = MAPPER.writer().with(ESCAPES);

  private Json() {}

  /** Pretty, deterministic JSON text of {@code value}, ending with a newline. */
  public static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot render " + value.getClass().getName() + " as JSON", e);
    }
  }

  /** Compact JSON text of {@code value}, one line, no final newline. */
  public static String compact(Object value) {
    try {
      return COMPACT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot render " + value.getClass().getName() + " as JSON", e);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** JSON's own escapes, plus {@code \\uXXXX} for every invisible character. */
  private static final class InvisibleEscapes extends CharacterEscapes {
    private final int[] ascii = standardAsciiEscapesForJSON();

    InvisibleEscapes() {
      ascii[0x7F] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return InvisibleCharacters.is(ch) ? new SerializedString(InvisibleCharacters.visible(ch)) : null;
    }
  }
}
