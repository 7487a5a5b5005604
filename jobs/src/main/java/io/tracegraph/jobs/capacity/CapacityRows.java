package io.tracegraph.jobs.capacity;

import io.tracegraph.jobs.BadInputException;
import io.tracegraph.model.LatencySketch;
import io.tracegraph.reports.capacity.CapacityInput.Downstream;
import io.tracegraph.reports.capacity.CapacityInput.EdgeDay;
import io.tracegraph.reports.capacity.CapacityInput.EdgeKey;
import io.tracegraph.reports.capacity.CapacityInput.EntryDay;
import io.tracegraph.reports.capacity.CapacityInput.EntryKey;
import io.tracegraph.reports.capacity.CapacityInput.ServiceDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The one place that turns the capacity queries' rows ({@link CapacityJob#EDGES_QUERY} ...) into the report's
 * input records. A row that cannot be read stops the report naming the table, the day and the field.
 */
final class CapacityRows {
  private CapacityRows() {}

  static EdgeDay edge(Row r) {
    LocalDate day = day(r, "edges");
    EdgeKey key = new EdgeKey(r.getAs("caller"), r.getAs("callee"), r.getAs("connection_type"), r.getAs("broker"),
        r.getAs("destination"));
    try {
      return new EdgeDay(key, day, r.<Long>getAs("calls"), r.<Long>getAs("busiest_minute_calls"),
          sketch(r, "server_sketch"), sketch(r, "client_sketch"));
    } catch (RuntimeException e) {
      throw bad("edges", day, key.label(), e);
    }
  }

  static ServiceDay service(Row r) {
    LocalDate day = day(r, "services");
    String name = r.getAs("service");
    try {
      return new ServiceDay(name, day, r.<Long>getAs("server_requests"), sketch(r, "latency_sketch"),
          r.<Long>getAs("busiest_minute_calls"));
    } catch (RuntimeException e) {
      throw bad("services", day, name, e);
    }
  }

  static EntryDay entry(Row r) {
    LocalDate day = day(r, "entry_points");
    EntryKey key = new EntryKey(r.getAs("service"), r.getAs("operation"));
    try {
      List<Downstream> downstream = new ArrayList<>();
      for (Row d : r.<Row>getList(r.fieldIndex("downstream"))) {
        downstream.add(new Downstream(d.getAs("callee"), d.<Long>getAs("calls")));
      }
      return new EntryDay(key, day, r.<Long>getAs("requests"), downstream, r.<Long>getAs("busiest_minute_calls"));
    } catch (RuntimeException e) {
      throw bad("entry_points", day, key.label(), e);
    }
  }

  private static LocalDate day(Row r, String table) {
    String date = r.getAs("date");
    try {
      return LocalDate.parse(date);
    } catch (RuntimeException e) {
      throw new BadInputException("table " + table + ": partition date=" + date + " is not YYYY-MM-DD", e);
    }
  }

  private static LatencySketch sketch(Row r, String column) {
    byte[] bytes = r.getAs(column);
    if (bytes == null) throw new IllegalArgumentException("column " + column + " is null");
    try {
      return LatencySketch.fromBytes(bytes);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("column " + column + ": " + e.getMessage(), e);
    }
  }

  private static BadInputException bad(String table, LocalDate day, String row, RuntimeException e) {
    return new BadInputException("table " + table + ", date=" + day + ", row " + row + ": " + e.getMessage(), e);
  }
}
