package io.tracegraph.jobs.report;

import io.tracegraph.jobs.ArchiveFixtures;
import io.tracegraph.jobs.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A small test-side converter from the Nezha dataset's trace CSV
 * ({@code TraceID,SpanID,ParentID,PodName,OperationName,StartTimeUnixNano,EndTimeUnixNano,Duration}) to span archive
 * v1 rows. The service is the pod name without its ReplicaSet hash and pod suffix ({@code frontend-579b9bff58-t2dbm}
 * → {@code frontend}); {@code ParentID} {@code root} means no parent; the CSV has no kind, status or attributes, so
 * every span is {@code UNSPECIFIED} and links go parent service → child service (the link rule for kind-less
 * formats). Until the formats issue's import path lands, this is how the real Online Boutique traces reach the job.
 */
final class NezhaCsv {
  static final String HEADER = "TraceID,SpanID,ParentID,PodName,OperationName,StartTimeUnixNano,EndTimeUnixNano,Duration";

  private NezhaCsv() {}

  static String service(String pod) {
    String[] parts = pod.split("-");
    if (parts.length < 3) return pod;
    return String.join("-", java.util.Arrays.copyOf(parts, parts.length - 2));
  }

  /** The rows of one CSV file, in {@link ArchiveFixtures#WITH_DATE}'s schema. */
  static List<Row> rows(Path csv) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (!HEADER.equals(header)) throw new BadInputException(csv + ": unexpected header " + header);
      int line = 1;
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        line++;
        String[] f = text.split(",", -1);
        if (f.length != 8) throw new BadInputException(csv + " line " + line + ": " + f.length + " fields, want 8");
        long start;
        long end;
        try {
          start = Long.parseLong(f[5]);
          end = Long.parseLong(f[6]);
        } catch (NumberFormatException e) {
          throw new BadInputException(csv + " line " + line + ": StartTimeUnixNano/EndTimeUnixNano not a number", e);
        }
        String service = service(f[3]);
        String day = Instant.ofEpochSecond(0, start).atZone(ZoneOffset.UTC).toLocalDate().toString();
        rows.add(RowFactory.create(f[0], f[1], f[2].equals("root") ? null : f[2], service, f[4], "UNSPECIFIED",
            start, end, null, null, Map.of(), Map.of("service.name", service), null, day));
      }
    }
    return rows;
  }
}
