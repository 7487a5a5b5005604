package io.tracegraph.jobs.tables;

import static io.tracegraph.jobs.tables.TableColumn.int64;
import static io.tracegraph.jobs.tables.TableColumn.string;

import io.tracegraph.model.DependencyLink;

/**
 * {@code dependency_links}: the day's service dependency links, as Zipkin's dependency job writes them: parent,
 * child, calls and errors.
 */
public final class LinksTable {
  private LinksTable() {}

  public static final Table<DependencyLink> TABLE = Table.of("dependency_links",
      string("parent", false, DependencyLink::parent),
      string("child", false, DependencyLink::child),
      int64("call_count", false, DependencyLink::callCount),
      int64("error_count", false, DependencyLink::errorCount));
}
