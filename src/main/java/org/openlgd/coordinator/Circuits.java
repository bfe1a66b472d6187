package org.openlgd.coordinator;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openlgd.api.ModelServerClient;
import org.openlgd.api.ServerCallException;
import org.openlgd.config.FaultSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker per server of a federated-averaging run (Vert.x's {@link CircuitBreaker}). A server's circuit
 * opens after {@link FaultSettings.Breaker#failures()} failed calls in a row, or at once when the server could not be
 * reached at all; while it is open the rounds leave the server out. Once {@link FaultSettings.Breaker#probeIntervalMs()}
 * has passed the breaker goes half-open, and the next round to start sends the server one probe (its liveness
 * request) beside the round, which does not wait for it: a dead or stalled server never holds a round up again, and
 * is never probed more often than the rounds go. A probe that is answered closes the circuit and the server takes
 * part from the next round on; one that is not opens it again.
 *
 * <p>The module counts failures (in a row: an answer resets the count), opens, goes half-open after its reset timeout
 * and lets one call through when half-open. Probing at round starts rather than from its reset timer is ours: with a
 * timer alone, a fixed interval is either far slower than fast rounds (a restarted server waits many rounds to take
 * part again) or far more often than slow ones. Breakers are made without an event-bus notification address, so
 * nothing is published on a clustered bus.
 */
final class Circuits {
  private static final Logger LOG = LoggerFactory.getLogger(Circuits.class);

  private final String runId;
  private final Map<ModelServerClient, CircuitBreaker> breakers = new LinkedHashMap<>();
  private final Map<ModelServerClient, String> reasons = new ConcurrentHashMap<>();
  private final Map<ModelServerClient, String> retired = new ConcurrentHashMap<>();
  private final Set<ModelServerClient> probing = ConcurrentHashMap.newKeySet();
  private final Function<ModelServerClient, Future<?>> probe;
  private volatile boolean closed;

  /**
   * @param probe what a half-open circuit asks of its server (a liveness request, checked as the run needs); the
   *              circuit closes when it succeeds
   */
  Circuits(Vertx vertx, String runId, FaultSettings.Breaker settings, List<ModelServerClient> servers,
           Function<ModelServerClient, Future<?>> probe) {
    this.runId = runId;
    this.probe = probe;
    CircuitBreakerOptions options = new CircuitBreakerOptions().setMaxFailures(settings.failures())
        .setResetTimeout(Math.max(1, settings.probeIntervalMs())).setTimeout(-1).setNotificationAddress(null)
        .setFallbackOnFailure(false);
    for (ModelServerClient c : servers) {
      CircuitBreaker b = CircuitBreaker.create("openlgd-" + runId + "-" + c.address(), vertx, options);
      b.closeHandler(v -> {
        if (reasons.remove(c) != null) {
          LOG.info("run {}: {} answered a probe and takes part again from the next round", runId, c.address());
        }
      });
      breakers.put(c, b);
    }
  }

  /** True when {@code c} is to be asked in the next round. */
  boolean closed(ModelServerClient c) {
    CircuitBreaker b = breakers.get(c);
    return b == null || b.state() == CircuitBreakerState.CLOSED && !retired.containsKey(c);
  }

  /** Why {@code c} is left out ("address: circuit open (reason)"), for the round's record. */
  String why(ModelServerClient c) {
    String r = retired.get(c);
    return c.address() + ": " + (r != null ? r : "circuit open (" + reasons.getOrDefault(c, "failing") + ")");
  }

  /**
   * One call through {@code c}'s breaker: a failure counts towards opening it, and a server that could not be reached
   * opens it at once.
   */
  <T> Future<T> call(ModelServerClient c, Supplier<Future<T>> op) {
    CircuitBreaker b = breakers.get(c);
    if (b == null) {
      return op.get();
    }
    return b.execute(op).onFailure(e -> {
      boolean unreachable = e instanceof ServerCallException s && s.unreachable();
      if (b.state() == CircuitBreakerState.OPEN) {
        opened(c, e.getMessage());
      } else if (unreachable && b.state() == CircuitBreakerState.CLOSED) {
        opened(c, e.getMessage());
        b.open();
      }
    });
  }

  /** Opens {@code c}'s circuit now (a server that did not answer the liveness check). */
  void trip(ModelServerClient c, String reason) {
    CircuitBreaker b = breakers.get(c);
    if (b != null && b.state() == CircuitBreakerState.CLOSED) {
      opened(c, reason);
      b.open();
    }
  }

  /** Leaves {@code c} out for the rest of the run, without probing it again. */
  void retire(ModelServerClient c, String reason) {
    retired.put(c, reason);
  }

  /** Stops probing: the run is over. */
  void close() {
    closed = true;
    breakers.values().forEach(CircuitBreaker::close);
  }

  private void opened(ModelServerClient c, String failure) {
    String reason = failure.startsWith(c.address() + ": ") ? failure.substring(c.address().length() + 2) : failure;
    if (reasons.put(c, reason) == null) {
      LOG.warn("run {}: {} is left out of the next rounds (circuit open) and probed until it answers: {}", runId,
          c.address(), reason);
    }
  }

  /** At the start of a round: one probe to each server whose circuit is half-open, unless one is under way. */
  void probeDue() {
    if (closed) {
      return;
    }
    breakers.forEach((c, b) -> {
      if (b.state() == CircuitBreakerState.HALF_OPEN && !retired.containsKey(c) && probing.add(c)) {
        // a failed probe opens the circuit again; the reason stays why it first opened
        b.execute(() -> probe.apply(c)).onComplete(ar -> probing.remove(c));
      }
    });
  }
}
