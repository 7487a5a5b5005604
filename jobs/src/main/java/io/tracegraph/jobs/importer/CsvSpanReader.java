package io.tracegraph.jobs.importer;

import io.tracegraph.jobs.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV with a header row, one span per row, columns mapped by {@link CsvMapping}. A row with the wrong number of
 * fields or an unreadable number is reported with its line and skipped. A mapped column missing from the header stops
 * the import of the file, naming the file's columns.
 */
final class CsvSpanReader implements SpanFileReader {
  private final CsvMapping mapping;
  private final char delimiter;
  private final String file;

  CsvSpanReader(CsvMapping mapping, char delimiter, String file) {
    this.mapping = mapping;
    this.delimiter = delimiter;
    this.file = file;
  }

  @Override
  public void read(InputStream in, SpanSink sink) throws IOException {
    CsvRecords records = new CsvRecords(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16),
        delimiter);
    List<String> header;
    try {
      header = records.next();
    } catch (IOException e) {
      throw new BadInputException(file + ": " + e.getMessage(), e);
    }
    if (header == null) return;
    if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) header.set(0, header.get(0).substring(1)); // BOM
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) index.put(header.get(i).trim(), i);
    Map<String, Integer> positions = new HashMap<>();
    for (Map.Entry<String, String> m : mapping.columns().entrySet()) {
      Integer i = index.get(m.getValue());
      if (i == null) {
        throw new BadInputException(file + ": --map " + m.getKey() + "=" + m.getValue() + ": no column '" + m.getValue()
            + "' in the header " + header);
      }
      positions.put(m.getKey(), i);
    }
    while (true) {
      List<String> row;
      try {
        row = records.next();
      } catch (IOException e) {
        sink.unreadable(records.recordLine(), e.getMessage());
        return;
      }
      if (row == null) return;
      if (row.size() == 1 && row.get(0).isEmpty()) continue; // blank line
      if (row.size() != header.size()) {
        sink.unreadable(records.recordLine(), row.size() + " fields, the header has " + header.size());
        continue;
      }
      SpanDraft d = new SpanDraft();
      Long end = null;
      Long duration = null;
      for (Map.Entry<String, Integer> p : positions.entrySet()) {
        String target = p.getKey();
        String value = row.get(p.getValue());
        Long unit = CsvMapping.timeTarget(target);
        if (unit != null) {
          Long nanos;
          try {
            nanos = CsvMapping.nanos(value, unit);
          } catch (NumberFormatException | ArithmeticException e) {
            d.problem = header.get(p.getValue()) + " '" + value + "' is not a number of " + target.substring(target.lastIndexOf('_') + 1) + "seconds";
            continue;
          }
          if (target.startsWith("start_")) d.startNanos = nanos;
          else if (target.startsWith("end_")) end = nanos;
          else duration = nanos;
          continue;
        }
        if (value.isEmpty()) continue;
        switch (target) {
          case "trace_id" -> d.traceId = value;
          case "span_id" -> d.spanId = value;
          case "parent_span_id" -> d.parentSpanId = value;
          case "service_name" -> d.serviceName = mapping.service(value);
          case "name" -> d.name = value;
          case "kind" -> d.kind = value;
          case "status_code" -> d.statusCode = value;
          case "status_message" -> d.statusMessage = value;
          default -> d.attributes.put(target.substring("attr.".length()), value);
        }
      }
      d.endNanos = end != null ? end : duration != null && d.startNanos != null ? d.startNanos + duration : null;
      if (d.serviceName != null) d.resourceAttributes.put("service.name", d.serviceName);
      sink.span(d, records.recordLine());
    }
  }
}
