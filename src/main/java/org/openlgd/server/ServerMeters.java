package org.openlgd.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openlgd.ops.Ops;

/**
 * Every meter of a model server, registered here and nowhere else: requests by transport, operation and status;
 * rows behind the answers; estimation time by model; and the rows held.
 */
final class ServerMeters {
  private final MeterRegistry registry = Ops.registry();

  /** Registers the gauge of the rows server {@code serverId} holds (read from {@code rows} at every scrape). */
  ServerMeters(int serverId, Supplier<Number> rows) {
    Gauge.builder("openlgd.server.rows", rows).description("rows this model server holds")
        .tag("server", Integer.toString(serverId)).register(registry);
  }

  /** One request that reached (or was refused) the data; {@code rows} behind a successful answer, or -1. */
  void request(String transport, String operation, int status, long rows) {
    String op = operation.substring(Math.max(operation.lastIndexOf('/'), operation.lastIndexOf('.')) + 1);
    Counter.builder("openlgd.server.requests")
        .description("requests that reached (or were refused) the data, by transport, operation and status")
        .tag("transport", transport).tag("operation", op).tag("status", Integer.toString(status))
        .register(registry).increment();
    if (status == 200 && rows > 0) {
      Counter.builder("openlgd.server.rows.served").description("rows behind the answers given, by operation")
          .tag("operation", op).register(registry).increment(rows);
    }
  }

  /** Time spent computing one answer of {@code model} from the rows. */
  void estimation(String model, long nanos) {
    Timer.builder("openlgd.server.estimation")
        .description("time a server spends computing an answer from its rows, by model")
        .tag("model", model).register(registry).record(nanos, TimeUnit.NANOSECONDS);
  }
}
