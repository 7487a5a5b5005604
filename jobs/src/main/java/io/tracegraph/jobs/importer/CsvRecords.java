package io.tracegraph.jobs.importer;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: fields separated by a delimiter, optionally quoted with {@code "} (a doubled quote
 * inside quotes is one quote, quoted fields may span lines), records ended by LF or CRLF. Keeps the line each record
 * starts on, for error messages.
 */
final class CsvRecords {
  private final Reader in;
  private final char delimiter;
  private long line = 1;
  private long recordLine;
  private int peeked = -2;

  CsvRecords(Reader in, char delimiter) {
    this.in = in;
    this.delimiter = delimiter;
  }

  /** The line the last record returned started on (1-based). */
  long recordLine() {
    return recordLine;
  }

  /** The next record's fields, or null at the end. An unterminated quote is an IOException naming its line. */
  List<String> next() throws IOException {
    int c = read();
    if (c == -1) return null;
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (c == -1) throw new IOException("line " + recordLine + ": quoted field not closed before the end of the file");
        if (c == '"') {
          int n = read();
          if (n == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = n;
            continue;
          }
        } else {
          if (c == '\n') line++;
          field.append((char) c);
        }
      } else if (c == -1 || c == '\n' || (c == '\r' && peek() == '\n')) {
        if (c == '\r') read();
        if (c != -1) line++;
        fields.add(field.toString());
        return fields;
      } else if (c == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else {
        field.append((char) c);
      }
      c = read();
    }
  }

  private int read() throws IOException {
    if (peeked != -2) {
      int c = peeked;
      peeked = -2;
      return c;
    }
    return in.read();
  }

  private int peek() throws IOException {
    if (peeked == -2) peeked = in.read();
    return peeked;
  }
}
