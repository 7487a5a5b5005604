package io.tracegraph.jobs.archive;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes {@link ArchiveSpan}s as span archive v1 Parquet without Spark, one record at a time ({@link ArchiveWriter}).
 * {@link #SCHEMA} is the Parquet form Spark itself writes for {@code SpanArchiveSchema.STRUCT} (3-level lists, maps of
 * {@code key_value}); {@code ImportWriterTest} checks that Spark reads it back as exactly that struct.
 */
final class ArchiveSpanWriteSupport extends WriteSupport<ArchiveSpan> {
  static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message spark_schema {
        optional binary trace_id (STRING);
        optional binary span_id (STRING);
        optional binary parent_span_id (STRING);
        optional binary service_name (STRING);
        optional binary name (STRING);
        optional binary kind (STRING);
        optional int64 start_time_unix_nano;
        optional int64 end_time_unix_nano;
        optional binary status_code (STRING);
        optional binary status_message (STRING);
        optional group attributes (MAP) {
          repeated group key_value {
            required binary key (STRING);
            optional binary value (STRING);
          }
        }
        optional group resource_attributes (MAP) {
          repeated group key_value {
            required binary key (STRING);
            optional binary value (STRING);
          }
        }
        optional group links (LIST) {
          repeated group list {
            optional group element {
              optional binary trace_id (STRING);
              optional binary span_id (STRING);
            }
          }
        }
      }
      """);

  private RecordConsumer out;

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(SCHEMA, new HashMap<>());
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(ArchiveSpan s) {
    out.startMessage();
    string(0, "trace_id", s.traceId());
    string(1, "span_id", s.spanId());
    string(2, "parent_span_id", s.parentSpanId());
    string(3, "service_name", s.serviceName());
    string(4, "name", s.name());
    string(5, "kind", s.kind());
    int64(6, "start_time_unix_nano", s.startNanos());
    int64(7, "end_time_unix_nano", s.endNanos());
    string(8, "status_code", s.statusCode());
    string(9, "status_message", s.statusMessage());
    map(10, "attributes", s.attributes());
    map(11, "resource_attributes", s.resourceAttributes());
    if (!s.links().isEmpty()) {
      out.startField("links", 12);
      out.startGroup();
      out.startField("list", 0);
      for (ArchiveSpan.Link link : s.links()) {
        out.startGroup();
        out.startField("element", 0);
        out.startGroup();
        string(0, "trace_id", link.traceId());
        string(1, "span_id", link.spanId());
        out.endGroup();
        out.endField("element", 0);
        out.endGroup();
      }
      out.endField("list", 0);
      out.endGroup();
      out.endField("links", 12);
    }
    out.endMessage();
  }

  private void string(int index, String field, String value) {
    if (value == null) return;
    out.startField(field, index);
    out.addBinary(Binary.fromString(value));
    out.endField(field, index);
  }

  private void int64(int index, String field, long value) {
    out.startField(field, index);
    out.addLong(value);
    out.endField(field, index);
  }

  private void map(int index, String field, Map<String, String> map) {
    out.startField(field, index);
    out.startGroup();
    if (!map.isEmpty()) {
      out.startField("key_value", 0);
      for (Map.Entry<String, String> e : map.entrySet()) {
        out.startGroup();
        out.startField("key", 0);
        out.addBinary(Binary.fromConstantByteArray(e.getKey().getBytes(StandardCharsets.UTF_8)));
        out.endField("key", 0);
        string(1, "value", e.getValue());
        out.endGroup();
      }
      out.endField("key_value", 0);
    }
    out.endGroup();
    out.endField(field, index);
  }
}
