package org.openlgd.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Operations endpoints shared by every HTTP-serving role (model server, coordinator, dashboard): {@code GET /health},
 * {@code GET /metrics} (Prometheus text format, from Vert.x's Micrometer metrics plus openlgd's own meters) and
 * {@code GET /openapi.yaml}. Vert.x instances made by {@link #builder} record metrics.
 */
public final class Ops {
  private static final String OPENAPI = readOpenApi();

  private Ops() {
  }

  /**
   * A Vert.x builder with Micrometer metrics on (HTTP server and client, event bus, pools, JVM), Prometheus backend;
   * {@code -Dopenlgd.metrics=false} leaves them off (then {@code /metrics} answers 503).
   */
  public static VertxBuilder builder(VertxOptions options) {
    return builder(options, true);
  }

  /**
   * As {@link #builder(VertxOptions)}, with metrics only when {@code served}: a process that serves no
   * {@code /metrics} (a coordinator without --port) saves their start-up, a tenth of a second of a short run.
   */
  public static VertxBuilder builder(VertxOptions options, boolean served) {
    if (!served || "false".equals(System.getProperty("openlgd.metrics"))) {
      return Vertx.builder().with(options);
    }
    options.setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true)));
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory());
  }

  /** A plain (not clustered) Vert.x instance with metrics. */
  public static Vertx vertx() {
    return vertx(true);
  }

  /** A plain Vert.x instance, with metrics when {@code served} (see {@link #builder(VertxOptions, boolean)}). */
  public static Vertx vertx(boolean served) {
    return builder(new VertxOptions(), served).build();
  }

  /** Whether this process records metrics (a Vert.x instance with metrics exists). */
  public static boolean metricsOn() {
    return BackendRegistries.getDefaultNow() != null;
  }

  /** The registry openlgd's own meters go to: Vert.x's Prometheus registry when metrics are on, else a no-op one. */
  public static MeterRegistry registry() {
    MeterRegistry r = BackendRegistries.getDefaultNow();
    return r != null ? r : Metrics.globalRegistry;
  }

  /**
   * Mounts {@code GET /health} (the JSON from {@code health}, plus process figures), {@code GET /metrics} and
   * {@code GET /openapi.yaml} on {@code router}.
   */
  public static void mount(Router router, Supplier<JsonObject> health) {
    router.get("/health").handler(ctx -> {
      JsonObject h = health.get();
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      h.put("heapUsedBytes", heap.getUsed()).put("heapMaxBytes", heap.getMax())
          .put("threads", ManagementFactory.getThreadMXBean().getThreadCount())
          .put("uptimeMs", ManagementFactory.getRuntimeMXBean().getUptime()).put("pid", ProcessHandle.current().pid());
      ctx.response().setStatusCode("UP".equals(h.getString("status")) ? 200 : 503)
          .putHeader("content-type", "application/json").end(h.encode());
    });
    router.get("/metrics").handler(ctx -> {
      if (BackendRegistries.getDefaultNow() == null) {
        ctx.response().setStatusCode(503).putHeader("content-type", "application/json")
            .end(new JsonObject().put("error", "metrics are off in this process").encode());
        return;
      }
      PrometheusScrapingHandler.create().handle(ctx);
    });
    router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("content-type", "application/yaml").end(OPENAPI));
  }

  /** The routes of {@code router} that have a path and methods, as "METHOD /path" (for the OpenAPI check). */
  public static List<String> routes(Router router) {
    List<String> out = new ArrayList<>();
    for (Route r : router.getRoutes()) {
      if (r.getPath() != null && r.methods() != null) {
        r.methods().forEach(m -> out.add(m.name() + " " + r.getPath()));
      }
    }
    return out;
  }

  /** The text of openapi.yaml, as served. */
  static String openApiText() {
    return OPENAPI;
  }

  private static String readOpenApi() {
    try (InputStream in = Ops.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
