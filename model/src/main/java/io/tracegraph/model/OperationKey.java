package io.tracegraph.model;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/** An operation: a span name within a service, for spans of one kind. */
public record OperationKey(String service, String operation, SpanKind kind) implements Serializable {
  /** Service, operation, then kind. */
  public static final Comparator<OperationKey> ORDER = Comparator.comparing(OperationKey::service)
      .thenComparing(OperationKey::operation)
      .thenComparing(OperationKey::kind);

  public OperationKey {
    Objects.requireNonNull(service, "service == null");
    Objects.requireNonNull(operation, "operation == null");
    Objects.requireNonNull(kind, "kind == null");
  }
}
