package io.tracegraph.tools.generate;

import io.tracegraph.model.SpanKind;
import io.tracegraph.model.StatusCode;
import io.tracegraph.tools.generate.SyntheticSpan.Protocol;
import java.util.List;

/**
 * A small language for what an operation does, after the OpenTelemetry conventions: calls to other services (a
 * CLIENT span in the caller, a SERVER span in the callee, each with its own span id, the SERVER's parent being the
 * CLIENT), calls to uninstrumented databases, caches and external APIs (a leaf CLIENT naming the peer), Kafka
 * (a PRODUCER whose CONSUMER children run later in other services), INTERNAL work, and sequential or parallel
 * composition. Each step knows its expected number of spans, so the trace count for a span target is computed, not
 * guessed.
 *
 * <p>Timing: a step starts at a given time and returns when it ends. Sequential steps do not overlap; parallel ones
 * start together and the group ends with the slowest; a parent span encloses its synchronous children. Consumers are
 * asynchronous: they start after their producer ends and may outlive the request.
 */
final class CallTree {
  private CallTree() {}

  /** What an operation does inside the span that runs it. */
  interface Step {
    /** Runs under {@code parent} from {@code at}; returns the time it ends. */
    long run(TraceBuilder b, SyntheticSpan parent, long at);

    /** Expected number of spans the step creates. */
    double expectedSpans();
  }

  static Step seq(Step... steps) {
    return new Step() {
      @Override
      public long run(TraceBuilder b, SyntheticSpan parent, long at) {
        long t = at;
        for (Step step : steps) t = step.run(b, parent, t + b.gap());
        return t;
      }

      @Override
      public double expectedSpans() {
        double n = 0;
        for (Step step : steps) n += step.expectedSpans();
        return n;
      }
    };
  }

  static Step par(Step... steps) {
    return new Step() {
      @Override
      public long run(TraceBuilder b, SyntheticSpan parent, long at) {
        long end = at;
        for (Step step : steps) end = Math.max(end, step.run(b, parent, at + b.gap() / 4));
        return end;
      }

      @Override
      public double expectedSpans() {
        double n = 0;
        for (Step step : steps) n += step.expectedSpans();
        return n;
      }
    };
  }

  static Step maybe(double probability, Step step) {
    return new Step() {
      @Override
      public long run(TraceBuilder b, SyntheticSpan parent, long at) {
        return b.chance(probability) ? step.run(b, parent, at) : at;
      }

      @Override
      public double expectedSpans() {
        return probability * step.expectedSpans();
      }
    };
  }

  /** An INTERNAL span in the current service around {@code body} plus its own work. */
  static Step internal(String name, double medianMillis, Step body) {
    return new Step() {
      @Override
      public long run(TraceBuilder b, SyntheticSpan parent, long at) {
        SyntheticSpan span = b.span(parent, parent.service, parent.host, name, SpanKind.INTERNAL, Protocol.NONE, at);
        long self = b.selfLatency(parent.service, medianMillis, 0.5);
        long t = body.run(b, span, at + self / 2);
        span.end = t + self - self / 2;
        return span.end;
      }

      @Override
      public double expectedSpans() {
        return 1 + body.expectedSpans();
      }
    };
  }

  static Step internal(String name, double medianMillis) {
    return internal(name, medianMillis, seq());
  }

  /** A call to an instrumented service: CLIENT here, SERVER there, one hop caller → callee. */
  static Step call(Operation callee) {
    return attempt(callee, false, 0);
  }

  /**
   * One attempt of a call to an instrumented service ({@link #call}: the only attempt, succeeding unless an error is
   * injected). A failing attempt's server answers 503 and its client fails (neither can be chosen again as an
   * injected error's origin); an attempt after the first says how many times the request was re-sent
   * ({@code http.request.resend_count}, HTTP clients only).
   */
  static Step attempt(Operation callee, boolean fails, int resendCount) {
    return new Step() {
      @Override
      public long run(TraceBuilder b, SyntheticSpan parent, long at) {
        SyntheticSpan client = b.span(parent, parent.service, parent.host, callee.clientName(), SpanKind.CLIENT,
            callee.protocol, at);
        callee.clientAttributes(client);
        if (resendCount > 0 && callee.protocol == Protocol.HTTP) {
          client.attr("http.request.resend_count", Integer.toString(resendCount));
        }
        SyntheticSpan server = callee.serve(b, client, at + b.network());
        client.end = server.end + b.network();
        if (fails) {
          server.errorWeight = 0;
          server.fail("503 Service Unavailable: overloaded, try again", 503);
          client.fail("HTTP 503 from " + callee.service, 503);
        }
        b.hop(parent.service, callee.service, client, server);
        return client.end;
      }

      @Override
      public double expectedSpans() {
        return 1 + callee.expectedSpans();
      }
    };
  }

  /**
   * A leaf CLIENT span to an uninstrumented peer (database, cache, external API): one hop service → peer, the peer
   * being what {@link io.tracegraph.model.RemotePeer} reads from the attributes.
   */
  static Step leaf(Peer peer, String name, double medianMillis, double sigma, double errorWeight,
                   List<String> errorMessages, int errorHttpStatus, String... attributes) {
    return new Step() {
      @Override
      public long run(TraceBuilder b, SyntheticSpan parent, long at) {
        SyntheticSpan span = b.span(parent, parent.service, parent.host, name, SpanKind.CLIENT, peer.protocol, at);
        for (int i = 0; i < peer.attributes.length; i += 2) span.attr(peer.attributes[i], peer.attributes[i + 1]);
        for (int i = 0; i < attributes.length; i += 2) span.attr(attributes[i], attributes[i + 1]);
        span.end = at + b.latency(medianMillis, sigma);
        if (errorWeight > 0) {
          span.errorWeight = errorWeight;
          span.errorMessage = b.pick(errorMessages);
          span.errorHttpStatus = errorHttpStatus;
        }
        b.hop(parent.service, peer.name, span, null);
        return span.end;
      }

      @Override
      public double expectedSpans() {
        return 1;
      }
    };
  }

  /**
   * Publishes to a Kafka topic: a PRODUCER span (one hop service → broker) whose CONSUMER children, one per
   * consumer group, start after it ends (one hop broker → consumer each). The caller does not wait for them.
   */
  static Step produce(String topic, Consumer... consumers) {
    return new Step() {
      @Override
      public long run(TraceBuilder b, SyntheticSpan parent, long at) {
        SyntheticSpan producer = b.span(parent, parent.service, parent.host, "publish " + topic, SpanKind.PRODUCER,
            Protocol.MESSAGING, at);
        producer.attr("messaging.system", ShopWorld.KAFKA).attr("messaging.destination.name", topic)
            .attr("messaging.operation.type", "send").attr("messaging.operation.name", "send")
            .attr("server.address", "kafka.data.svc.cluster.local").attr("server.port", "9092");
        producer.end = at + b.latency(1.5, 0.6);
        producer.errorWeight = 0.3;
        producer.errorMessage = "org.apache.kafka.common.errors.TimeoutException: Expiring 1 record(s) for orders-3";
        b.hop(parent.service, ShopWorld.KAFKA, producer, null);
        for (Consumer consumer : consumers) {
          if (b.consumesInBatches(consumer.service)) continue; // a batch trace consumes it (--batch-consumer)
          long lag = b.latency(12, 0.9); // consumer lag: a few ms, sometimes a few hundred
          String host = b.host(consumer.service);
          SyntheticSpan span = b.span(producer, consumer.service, host, "process " + topic, SpanKind.CONSUMER,
              Protocol.MESSAGING, producer.end + lag);
          span.attr("messaging.system", ShopWorld.KAFKA).attr("messaging.destination.name", topic)
              .attr("messaging.operation.type", "process").attr("messaging.operation.name", "process")
              .attr("messaging.consumer.group.name", consumer.service)
              .attr("messaging.destination.partition.id", Integer.toString(b.random.nextInt(6)));
          long self = b.selfLatency(consumer.service, consumer.selfMillis, 0.5);
          long t = consumer.body.run(b, span, span.start + self / 2);
          span.end = t + self - self / 2;
          b.hop(ShopWorld.KAFKA, consumer.service, span, null);
        }
        return producer.end;
      }

      @Override
      public double expectedSpans() {
        double n = 1;
        for (Consumer consumer : consumers) n += 1 + consumer.body.expectedSpans();
        return n;
      }
    };
  }

  /** An uninstrumented peer: its name in the dependency graph and the attributes that name it on a CLIENT span. */
  record Peer(String name, Protocol protocol, String... attributes) {}

  /** A consumer group processing a topic inside one service. */
  record Consumer(String service, double selfMillis, Step body) {}

  /** An operation a service serves: the SERVER span, its own work around {@code body}, and how it can fail. */
  static final class Operation {
    final String service;
    final Protocol protocol;
    /** HTTP method and route, or gRPC service and method. */
    final String method;
    final String route;
    final double selfMillis;
    final Step body;
    double errorWeight;
    List<String> errorMessages = List.of();
    /** Services whose instrumentation sets status OK on success rather than leaving it UNSET. */
    boolean setsOk;

    private Operation(String service, Protocol protocol, String method, String route, double selfMillis, Step body) {
      this.service = service;
      this.protocol = protocol;
      this.method = method;
      this.route = route;
      this.selfMillis = selfMillis;
      this.body = body;
    }

    static Operation http(String service, String method, String route, double selfMillis, Step body) {
      return new Operation(service, Protocol.HTTP, method, route, selfMillis, body);
    }

    static Operation grpc(String service, String rpcService, String rpcMethod, double selfMillis, Step body) {
      return new Operation(service, Protocol.GRPC, rpcService, rpcMethod, selfMillis, body);
    }

    Operation failsWith(double weight, String... messages) {
      this.errorWeight = weight;
      this.errorMessages = List.of(messages);
      return this;
    }

    Operation setsOk() {
      this.setsOk = true;
      return this;
    }

    /** The SERVER span name: {@code GET /api/cart} or {@code oteldemo.CartService/GetCart}. */
    String serverName() {
      return protocol == Protocol.HTTP ? method + " " + route : method + "/" + route;
    }

    String clientName() {
      return serverName();
    }

    void clientAttributes(SyntheticSpan client) {
      if (protocol == Protocol.HTTP) {
        client.attr("http.request.method", method).attr("url.template", route)
            .attr("server.address", service).attr("server.port", "8080").attr("peer.service", service)
            .attr("http.response.status_code", "200");
      } else {
        client.attr("rpc.system", "grpc").attr("rpc.service", method).attr("rpc.method", route)
            .attr("server.address", service).attr("server.port", "50051").attr("peer.service", service)
            .attr("rpc.grpc.status_code", "0");
      }
    }

    /** Serves one request: a SERVER span under {@code caller} (null for a trace's root) starting at {@code at}. */
    SyntheticSpan serve(TraceBuilder b, SyntheticSpan caller, long at) {
      SyntheticSpan server = b.span(caller, service, b.host(service), serverName(), SpanKind.SERVER, protocol, at);
      if (protocol == Protocol.HTTP) {
        server.attr("http.request.method", method).attr("http.route", route).attr("url.scheme", "http")
            .attr("http.response.status_code", "200");
      } else {
        server.attr("rpc.system", "grpc").attr("rpc.service", method).attr("rpc.method", route)
            .attr("rpc.grpc.status_code", "0");
      }
      if (setsOk) server.status = StatusCode.OK;
      if (errorWeight > 0) {
        server.errorWeight = errorWeight;
        server.errorMessage = b.pick(errorMessages);
      }
      long self = b.selfLatency(service, selfMillis, 0.5);
      long pre = self / 3;
      long t = b.extraCalls(server, body.run(b, server, at + pre));
      server.end = t + self - pre;
      return server;
    }

    double expectedSpans() {
      return 1 + body.expectedSpans();
    }
  }
}
