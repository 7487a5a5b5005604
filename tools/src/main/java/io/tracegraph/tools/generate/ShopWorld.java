package io.tracegraph.tools.generate;

import static io.tracegraph.tools.generate.CallTree.call;
import static io.tracegraph.tools.generate.CallTree.internal;
import static io.tracegraph.tools.generate.CallTree.leaf;
import static io.tracegraph.tools.generate.CallTree.maybe;
import static io.tracegraph.tools.generate.CallTree.par;
import static io.tracegraph.tools.generate.CallTree.produce;
import static io.tracegraph.tools.generate.CallTree.seq;

import io.tracegraph.tools.generate.CallTree.Consumer;
import io.tracegraph.tools.generate.CallTree.Operation;
import io.tracegraph.tools.generate.CallTree.Peer;
import io.tracegraph.tools.generate.CallTree.Step;
import io.tracegraph.tools.generate.SyntheticSpan.Protocol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The generated world: a web shop of 22 instrumented services and 7 uninstrumented peers (13 databases, caches and
 * APIs, one node per database system), after the OpenTelemetry demo. Requests enter at {@code frontend} (five
 * entry operations with different weights and call trees); most arrive through the uninstrumented load balancer
 * {@code web-lb}, named by {@code peer.service} on the root SERVER span. {@code checkout} calls
 * {@code feature-flags} on every request, and so do some others: the service everyone thinks is rare but sits on
 * every checkout. {@code order} publishes to Kafka topic {@code orders}, consumed by
 * {@code fulfillment} and {@code notification}. Databases are named by their system, as the link rules name them
 * ({@link io.tracegraph.model.RemotePeer}): seven PostgreSQL databases are the node {@code postgresql}, each its own
 * {@code db.namespace} ({@code orders}, {@code products}, ...: the edges' destination), the cache {@code redis}
 * (namespace {@code 0}), the search index {@code elasticsearch} (namespace {@code product-search}); the broker is
 * {@code kafka}, the card processor {@code payment-provider}, the mail relay {@code smtp-relay}.
 *
 * <p>Latencies are lognormal per operation (medians in milliseconds below). Everything here is fixed: only the
 * seed's random streams vary between runs.
 */
final class ShopWorld {
  static final String WEB_LB = "web-lb";
  static final String KAFKA = "kafka";
  static final String FRONTEND = "frontend";
  static final String RECOMMENDATION = "recommendation";
  static final String INVENTORY = "inventory";
  static final String CHECKOUT = "checkout";
  static final String FEATURE_FLAGS = "feature-flags";
  static final String PAYMENT_PROVIDER = "payment-provider";

  /** Share of requests that reach {@code frontend} through {@code web-lb} (the rest come from clients we cannot name). */
  static final double VIA_LOAD_BALANCER = 0.85;

  /** An entry point: a frontend operation and its share of traffic. */
  record Entry(Operation operation, double weight) {}

  private static final Map<String, List<String>> HOSTS = new TreeMap<>();
  private static final Map<String, String> LANGUAGES = new LinkedHashMap<>();
  /** The first operation of each service that serves requests, for {@link Perturbations}' extra calls. */
  private static final Map<String, Operation> OPERATIONS = new TreeMap<>();
  /** The uninstrumented databases, by the name their calls give them (for {@link Perturbations}' failing ones). */
  private static final java.util.Set<String> DATABASES = new java.util.TreeSet<>();
  /** The consumer groups of topic {@code orders}, by service, for {@code --batch-consumer}. */
  private static final Map<String, Consumer> CONSUMERS = new TreeMap<>();
  private static final List<Entry> ENTRIES;
  private static final double TOTAL_WEIGHT;
  private static final double MEAN_SPANS_PER_TRACE;

  static {
    service("frontend", 4, "nodejs");
    service("checkout", 3, "go");
    service("cart", 3, "dotnet");
    service("catalog", 3, "go");
    service("payment", 2, "nodejs");
    service("inventory", 3, "java");
    service("shipping", 2, "rust");
    service("recommendation", 3, "python");
    service("auth", 2, "go");
    service("currency", 2, "cpp");
    service("email", 2, "ruby");
    service("ad", 2, "java");
    service("review", 2, "python");
    service("search", 2, "java");
    service("user", 2, "java");
    service("pricing", 2, "kotlin");
    service("tax", 2, "go");
    service("fraud", 2, "python");
    service("notification", 2, "java");
    service("feature-flags", 2, "go");
    service("order", 2, "java");
    service("fulfillment", 2, "java");

    // Uninstrumented peers, named as RemotePeer reads them: peer.service first, databases by db.system.
    Peer redis = new Peer("redis", Protocol.DB, "db.system", "redis", "db.namespace", "0",
        "server.address", "redis.data.svc.cluster.local", "server.port", "6379");
    Peer products = postgres("products");
    Peer stock = postgres("stock");
    Peer users = postgres("users");
    Peer reviews = postgres("reviews");
    Peer payments = postgres("payments");
    Peer orders = postgres("orders");
    Peer shipments = postgres("shipments");
    Peer productSearch = new Peer("elasticsearch", Protocol.DB, "db.system", "elasticsearch",
        "db.namespace", "product-search", "server.address", "es.search.svc.cluster.local", "server.port", "9200");
    for (Peer db : List.of(redis, products, stock, users, reviews, payments, orders, shipments, productSearch)) {
      DATABASES.add(db.name());
      // A namespace names one database of a system (the edge's destination); redis's is an index, not a name.
      if (db != redis) DATABASES.add(namespace(db));
    }
    Peer paymentProvider = new Peer(PAYMENT_PROVIDER, Protocol.HTTP, "peer.service", PAYMENT_PROVIDER,
        "server.address", "api.payment-provider.example", "server.port", "443");
    Peer smtpRelay = new Peer("smtp-relay", Protocol.NONE, "peer.service", "smtp-relay",
        "server.address", "smtp.mail.example", "server.port", "587");

    List<String> pgErrors = List.of("ERROR: deadlock detected (SQLSTATE 40P01)",
        "ERROR: canceling statement due to statement timeout (SQLSTATE 57014)",
        "FATAL: remaining connection slots are reserved (SQLSTATE 53300)");
    List<String> redisErrors = List.of("i/o timeout", "READONLY You can't write against a read only replica.");

    Operation featureFlags = Operation.grpc(FEATURE_FLAGS, "flagd.evaluation.v1.Service", "ResolveAll", 0.4,
            internal("evaluate flags", 0.2))
        .failsWith(0.2, "flag store unavailable", "deadline exceeded evaluating flags");
    Operation userGet = Operation.http("user", "GET", "/users/{id}", 1.0,
        sql(users, "SELECT", "users", 2.0, pgErrors));
    Operation authValidate = Operation.http("auth", "GET", "/v1/session", 1.0, seq(
        leaf(redis, "GET", 0.3, 0.6, 0.3, redisErrors, 500, "db.operation.name", "GET",
            "db.query.text", "GET session:?"),
        maybe(0.1, call(userGet))));
    Operation catalogList = Operation.grpc("catalog", "oteldemo.ProductCatalogService", "ListProducts", 2.0, seq(
        leaf(redis, "GET", 0.3, 0.6, 0.3, redisErrors, 500, "db.operation.name", "GET",
            "db.query.text", "GET products:list:?"),
        maybe(0.3, seq(sql(products, "SELECT", "products", 6.0, pgErrors),
            leaf(redis, "SET", 0.3, 0.6, 0, List.of(), 500, "db.operation.name", "SET",
                "db.query.text", "SET products:list:? ?")))));
    Operation catalogGet = Operation.grpc("catalog", "oteldemo.ProductCatalogService", "GetProduct", 1.0, seq(
        leaf(redis, "GET", 0.3, 0.6, 0.3, redisErrors, 500, "db.operation.name", "GET",
            "db.query.text", "GET product:?"),
        maybe(0.25, seq(sql(products, "SELECT", "products", 3.0, pgErrors),
            leaf(redis, "SET", 0.3, 0.6, 0, List.of(), 500, "db.operation.name", "SET",
                "db.query.text", "SET product:? ?")))));
    Operation adGet = Operation.grpc("ad", "oteldemo.AdService", "GetAds", 1.5, seq(
        internal("select ads", 1.0), maybe(0.2, call(featureFlags))));
    Operation recommend = Operation.grpc(RECOMMENDATION, "oteldemo.RecommendationService", "ListRecommendations",
        3.0, seq(maybe(0.5, call(featureFlags)), call(catalogList), internal("rank products", 4.0)));
    Operation currencies = Operation.grpc("currency", "oteldemo.CurrencyService", "GetSupportedCurrencies", 0.5,
        seq());
    Operation convert = Operation.grpc("currency", "oteldemo.CurrencyService", "Convert", 0.8,
            internal("convert", 0.2))
        .failsWith(0.5, "rate provider timeout after 2000ms");
    Operation cartGet = Operation.grpc("cart", "oteldemo.CartService", "GetCart", 0.8,
        leaf(redis, "HGETALL", 0.4, 0.6, 0.3, redisErrors, 500, "db.operation.name", "HGETALL",
            "db.query.text", "HGETALL cart:?"));
    Operation pricingGet = Operation.http("pricing", "GET", "/prices/{sku}", 1.0, seq(
        maybe(0.5, leaf(redis, "GET", 0.3, 0.6, 0.3, redisErrors, 500, "db.operation.name", "GET",
            "db.query.text", "GET price:?")),
        call(convert), maybe(0.2, call(featureFlags))));
    Operation cartAdd = Operation.grpc("cart", "oteldemo.CartService", "AddItem", 1.0, seq(
        call(catalogGet), call(pricingGet),
        leaf(redis, "HSET", 0.4, 0.6, 0.3, redisErrors, 500, "db.operation.name", "HSET",
            "db.query.text", "HSET cart:? ? ?")));
    Operation cartEmpty = Operation.grpc("cart", "oteldemo.CartService", "EmptyCart", 0.5,
        leaf(redis, "DEL", 0.3, 0.6, 0.3, redisErrors, 500, "db.operation.name", "DEL",
            "db.query.text", "DEL cart:?"));
    Operation reviewList = Operation.http("review", "GET", "/reviews/{productId}", 2.0, seq(
        sql(reviews, "SELECT", "reviews", 4.0, pgErrors), maybe(0.5, call(userGet))));
    Operation tax = Operation.http("tax", "POST", "/tax/calculate", 2.0, internal("compute tax", 1.0));
    Operation quote = Operation.http("pricing", "POST", "/quote", 1.5, seq(call(convert), call(tax)));
    Operation stockGet = Operation.http(INVENTORY, "GET", "/stock/{sku}", 1.0,
        sql(stock, "SELECT", "stock", 2.0, pgErrors));
    Operation stockReserve = Operation.http(INVENTORY, "POST", "/stock/reservations", 2.0,
            sql(stock, "UPDATE", "stock", 5.0, pgErrors))
        .failsWith(2.0, "reservation failed: insufficient stock");
    Operation stockCommit = Operation.http(INVENTORY, "POST", "/stock/commit", 1.0,
        sql(stock, "UPDATE", "stock", 4.0, pgErrors));
    Operation searchOp = Operation.http("search", "GET", "/search", 3.0, seq(
        leaf(productSearch, "search", 15.0, 0.7, 1.0, List.of("search_phase_execution_exception",
            "es_rejected_execution_exception: rejected execution"), 500, "db.operation.name", "search"),
        call(catalogList)));
    Operation shippingQuote = Operation.http("shipping", "POST", "/shipping/quote", 3.0, seq(
        internal("compute quote", 2.0), call(convert)));
    Operation shipmentCreate = Operation.http("shipping", "POST", "/shipments", 2.0,
        sql(shipments, "INSERT", "shipments", 4.0, pgErrors));
    Operation fraudCheck = Operation.http("fraud", "POST", "/fraud/check", 3.0, seq(
        call(userGet), internal("score transaction", 5.0), maybe(0.3, call(featureFlags))));
    Operation charge = Operation.http("payment", "POST", "/payments/charge", 3.0, seq(
        sql(payments, "INSERT", "payments", 3.0, pgErrors),
        leaf(paymentProvider, "POST /v1/charges", 180.0, 0.5, 4.0, List.of("HTTP 502 Bad Gateway",
            "HTTP 504 Gateway Timeout", "card processor unavailable"), 502, "http.request.method", "POST",
            "url.full", "https://api.payment-provider.example/v1/charges", "http.response.status_code", "200"),
        sql(payments, "UPDATE", "payments", 3.0, pgErrors))).setsOk();
    Operation emailSend = Operation.http("email", "POST", "/email/send", 2.0, seq(
        internal("render template", 3.0),
        leaf(smtpRelay, "smtp send", 40.0, 0.6, 1.0, List.of("421 4.3.0 Service not available",
            "454 4.7.0 TLS not available"), 500)));
    Consumer fulfillment = new Consumer("fulfillment", 2.0, seq(call(stockCommit), call(shipmentCreate)));
    Consumer notification = new Consumer("notification", 1.0, seq(call(userGet), call(emailSend)));
    CONSUMERS.put(fulfillment.service(), fulfillment);
    CONSUMERS.put(notification.service(), notification);
    Operation orderCreate = Operation.http("order", "POST", "/orders", 2.0, seq(
        sql(orders, "INSERT", "orders", 4.0, pgErrors), produce("orders", fulfillment, notification)));
    Operation placeOrder = Operation.http(CHECKOUT, "POST", "/api/checkout", 5.0, seq(
        call(featureFlags), // every checkout evaluates its flags first
        call(cartGet),
        par(call(quote), call(shippingQuote)),
        call(fraudCheck),
        call(stockReserve),
        call(charge),
        call(orderCreate),
        call(cartEmpty))).setsOk();

    for (Operation o : List.of(featureFlags, userGet, authValidate, catalogList, catalogGet, adGet, recommend,
        currencies, convert, cartGet, pricingGet, cartAdd, cartEmpty, reviewList, tax, quote, stockGet, stockReserve,
        stockCommit, searchOp, shippingQuote, shipmentCreate, fraudCheck, charge, emailSend, orderCreate, placeOrder)) {
      OPERATIONS.putIfAbsent(o.service, o);
    }

    Step auth = call(authValidate);
    ENTRIES = List.of(
        new Entry(Operation.http(FRONTEND, "GET", "/", 3.0, seq(
            maybe(0.4, auth),
            par(call(catalogList), call(adGet), call(recommend), call(currencies), maybe(0.5, call(cartGet))),
            maybe(0.3, call(featureFlags)),
            internal("render home", 3.0))), 30),
        new Entry(Operation.http(FRONTEND, "GET", "/product/{id}", 2.0, seq(
            maybe(0.4, auth),
            call(catalogGet),
            par(call(recommend), call(reviewList), call(pricingGet), call(stockGet), call(adGet)),
            internal("render product", 3.0))), 35),
        new Entry(Operation.http(FRONTEND, "GET", "/search", 2.0, seq(
            maybe(0.4, auth),
            call(searchOp),
            par(call(adGet), maybe(0.5, call(featureFlags))),
            internal("render results", 2.0))), 15),
        new Entry(Operation.http(FRONTEND, "POST", "/cart", 2.0, seq(auth, call(cartAdd))), 12),
        new Entry(Operation.http(FRONTEND, "POST", "/checkout", 3.0, seq(
            auth, call(placeOrder), internal("render confirmation", 2.0))), 8));

    double total = 0;
    double spans = 0;
    for (Entry e : ENTRIES) {
      total += e.weight();
      spans += e.weight() * e.operation().expectedSpans();
    }
    TOTAL_WEIGHT = total;
    MEAN_SPANS_PER_TRACE = spans / total;
  }

  private ShopWorld() {}

  private static void service(String name, int hosts, String language) {
    List<String> names = new ArrayList<>(hosts);
    long h = Seeds.mix(0x5e41ce, name.hashCode());
    String template = podHash(h, 9);
    for (int i = 0; i < hosts; i++) names.add(name + "-" + template + "-" + podHash(Seeds.mix64(h + i + 1), 5));
    HOSTS.put(name, List.copyOf(names));
    LANGUAGES.put(name, language);
  }

  /** Kubernetes-style pod name suffix (its "safe" alphabet), fixed per service so host names never vary. */
  private static String podHash(long h, int length) {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder sb = new StringBuilder(length);
    long v = h & Long.MAX_VALUE;
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt((int) (v % alphabet.length())));
      v /= alphabet.length();
    }
    return sb.toString();
  }

  private static Peer postgres(String namespace) {
    return new Peer("postgresql", Protocol.DB, "db.system", "postgresql", "db.namespace", namespace,
        "server.address", namespace + "-db.data.svc.cluster.local", "server.port", "5432");
  }

  /** A SQL statement on {@code table} in the given Postgres database: a leaf CLIENT named "SELECT products". */
  private static Step sql(Peer database, String operation, String table, double medianMillis, List<String> errors) {
    String text = switch (operation) {
      case "SELECT" -> "SELECT * FROM " + table + " WHERE id = $1";
      case "INSERT" -> "INSERT INTO " + table + " VALUES ($1, $2, $3)";
      default -> "UPDATE " + table + " SET quantity = $1 WHERE id = $2";
    };
    return leaf(database, operation + " " + table, medianMillis, 0.6, 1.0, errors, 500,
        "db.operation.name", operation, "db.collection.name", table, "db.query.text", text);
  }

  /** The instrumented services and their hosts (pods), sorted by service. */
  static Map<String, List<String>> services() {
    return HOSTS;
  }

  static List<String> hosts(String service) {
    List<String> hosts = HOSTS.get(service);
    if (hosts == null) throw new IllegalArgumentException("unknown service " + service);
    return hosts;
  }

  static String language(String service) {
    return LANGUAGES.get(service);
  }

  /** The one host whose clock runs ahead in realistic mode: the third inventory pod. */
  static String skewedHost() {
    return hosts(INVENTORY).get(2);
  }

  /** The first operation {@code service} serves, or null (a peer, or a service that only consumes messages). */
  static Operation operation(String service) {
    return OPERATIONS.get(service);
  }

  /** A database peer's {@code db.namespace}, or null. */
  static String namespace(Peer db) {
    for (int i = 0; i + 1 < db.attributes().length; i += 2) {
      if (db.attributes()[i].equals("db.namespace")) return db.attributes()[i + 1];
    }
    return null;
  }

  /**
   * The names {@code --failing-database} takes, sorted: each database system as the graph names it ({@code
   * postgresql}, {@code redis}, {@code elasticsearch}: every call to it) and each named database of one
   * ({@code stock}, {@code orders}, ..., {@code product-search}: the calls to that namespace).
   */
  static java.util.Set<String> databases() {
    return java.util.Collections.unmodifiableSet(DATABASES);
  }

  /** The consumer group {@code service} of topic orders, or null. */
  static Consumer consumer(String service) {
    return CONSUMERS.get(service);
  }

  /** The consumer groups of topic orders. */
  static java.util.Set<String> consumerGroups() {
    return CONSUMERS.keySet();
  }

  /** The services that serve requests (can make and take extra calls). */
  static java.util.Set<String> servingServices() {
    return OPERATIONS.keySet();
  }

  static List<Entry> entries() {
    return ENTRIES;
  }

  /** The sum of the entry points' weights. */
  static double totalWeight() {
    return TOTAL_WEIGHT;
  }

  /** An entry drawn by weight. */
  static Entry pickEntry(SplittableRandom random) {
    double u = random.nextDouble() * TOTAL_WEIGHT;
    for (Entry e : ENTRIES) {
      u -= e.weight();
      if (u < 0) return e;
    }
    return ENTRIES.get(ENTRIES.size() - 1);
  }

  static Entry entry(String serverName) {
    for (Entry e : ENTRIES) if (e.operation().serverName().equals(serverName)) return e;
    throw new IllegalArgumentException("no entry " + serverName);
  }

  /** Expected spans per trace over the entry mix, exact for the structure (imperfections aside). */
  static double meanSpansPerTrace() {
    return MEAN_SPANS_PER_TRACE;
  }
}
