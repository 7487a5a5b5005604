package io.tracegraph.model;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/** Where requests enter: the service and operation of a trace's root span. */
public record EntryPointKey(String service, String operation) implements Serializable {
  public static final Comparator<EntryPointKey> ORDER = Comparator.comparing(EntryPointKey::service)
      .thenComparing(EntryPointKey::operation);

  public EntryPointKey {
    Objects.requireNonNull(service, "service == null");
    Objects.requireNonNull(operation, "operation == null");
  }
}
