package io.tracegraph.model;

import static io.tracegraph.model.SpanKind.CLIENT;
import static io.tracegraph.model.SpanKind.INTERNAL;
import static io.tracegraph.model.SpanKind.SERVER;
import static io.tracegraph.model.TestTraces.span;
import static io.tracegraph.model.TestTraces.spanId;

import java.util.List;

/**
 * Hand-built failed traces with the origins they must give, shared by the model tests and the Spark job tests
 * (through the model's test-jar). Span names follow {@link TestTraces#span}: {@code "<kind> <service>"}, e.g.
 * {@code "client payment"}. Times nest properly, so clock-skew adjustment leaves them alone.
 */
public final class ErrorScenarios {
  private ErrorScenarios() {}

  /**
   * One expected origin.
   *
   * @param origin service and operation of the failing span
   * @param surfaced service and operation where the error surfaced
   * @param root service and operation of the top of the branch
   * @param hops service boundaries between origin and surfaced span
   */
  public record Expected(String originService, String originOperation, String surfacedService,
                         String surfacedOperation, String rootService, String rootOperation, boolean reachedRoot,
                         int hops) {}

  /** A named trace and its expected origins (in breadth-first order of the origin spans). */
  public record Scenario(String name, List<Span> spans, List<Expected> origins) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static long id(int scenario, int n) {
    return spanId(5000 + scenario, n);
  }

  /**
   * frontend → checkout → payment → payments-db: the database call fails and every span above fails with it. The
   * origin is the database CLIENT three services below the root where it surfaced (2 service hops up to frontend).
   */
  public static Scenario deepOrigin() {
    return new Scenario("deep_origin", List.of(
        span(id(1, 1), 0, SERVER, "frontend", 0, 300, null, true),
        span(id(1, 2), id(1, 1), CLIENT, "frontend", 10, 280, null, true),
        span(id(1, 3), id(1, 2), SERVER, "checkout", 20, 260, null, true),
        span(id(1, 4), id(1, 3), CLIENT, "checkout", 30, 240, null, true),
        span(id(1, 5), id(1, 4), SERVER, "payment", 40, 220, null, true),
        span(id(1, 6), id(1, 5), CLIENT, "payment", 50, 100, "payments-db", true),
        span(id(1, 7), id(1, 5), INTERNAL, "payment", 160, 50)), // succeeded: not a failing descendant
        List.of(new Expected("payment", "client payment", "frontend", "server frontend", "frontend",
            "server frontend", true, 2)));
  }

  /**
   * Two parallel calls fail for their own reasons (cart's redis, inventory's database): two origins, both surfacing
   * at the failed root.
   */
  public static Scenario twoFailingBranches() {
    return new Scenario("two_failing_branches", List.of(
        span(id(2, 1), 0, SERVER, "frontend", 0, 200, null, true),
        span(id(2, 2), id(2, 1), CLIENT, "frontend", 10, 150, null, true),
        span(id(2, 3), id(2, 2), SERVER, "cart", 15, 140, null, true),
        span(id(2, 4), id(2, 3), CLIENT, "cart", 20, 50, "redis", true),
        span(id(2, 5), id(2, 1), CLIENT, "frontend", 10, 160, null, true),
        span(id(2, 6), id(2, 5), SERVER, "inventory", 15, 150, null, true),
        span(id(2, 7), id(2, 6), CLIENT, "inventory", 20, 100, "stock-db", true)),
        List.of(
            new Expected("cart", "client cart", "frontend", "server frontend", "frontend", "server frontend", true, 1),
            new Expected("inventory", "client inventory", "frontend", "server frontend", "frontend",
                "server frontend", true, 1)));
  }

  /**
   * inventory's database fails, inventory fails, checkout's call to it fails, but checkout handles it (falls back)
   * and answers OK: the error surfaced at checkout's CLIENT, one hop up, and never reached the root. A handled error.
   */
  public static Scenario handledMidway() {
    return new Scenario("handled_midway", List.of(
        span(id(3, 1), 0, SERVER, "frontend", 0, 300),
        span(id(3, 2), id(3, 1), CLIENT, "frontend", 10, 280),
        span(id(3, 3), id(3, 2), SERVER, "checkout", 20, 260),
        span(id(3, 4), id(3, 3), CLIENT, "checkout", 30, 100, null, true),
        span(id(3, 5), id(3, 4), SERVER, "inventory", 40, 80, null, true),
        span(id(3, 6), id(3, 5), CLIENT, "inventory", 50, 50, "stock-db", true)),
        List.of(new Expected("inventory", "client inventory", "checkout", "client checkout", "frontend",
            "server frontend", false, 1)));
  }

  /**
   * frontend's call times out while the backend finished fine (it was just slow): the CLIENT span failed and its
   * SERVER child did not, so the origin is the CLIENT itself, on frontend, not the backend.
   */
  public static Scenario clientTimeout() {
    return new Scenario("client_timeout", List.of(
        span(id(4, 1), 0, SERVER, "frontend", 0, 1200, null, true),
        span(id(4, 2), id(4, 1), CLIENT, "frontend", 10, 1000, null, true),
        span(id(4, 3), id(4, 2), SERVER, "backend", 20, 980)),
        List.of(new Expected("frontend", "client frontend", "frontend", "server frontend", "frontend",
            "server frontend", true, 0)));
  }

  /** Every scenario above. */
  public static List<Scenario> all() {
    return List.of(deepOrigin(), twoFailingBranches(), handledMidway(), clientTimeout());
  }
}
