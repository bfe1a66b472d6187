package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import org.openlgd.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model server: holds one lender's rows and answers the openLGD API over HTTP (when a port is configured) and
 * over the event bus. It only wires the parts together: the data ({@link ModelService}), the request pipeline
 * ({@link RequestPipeline}) and its two bindings ({@link HttpAdapter}, {@link EventBusAdapter}). Data are loaded
 * and every estimate computed on worker threads; nothing a client sends stops the server.
 */
public final class ModelServerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ModelServerVerticle.class);

  private final ServerConfig given;
  private ServerConfig cfg;
  private ModelService service;
  private AuditLog audit;
  private HttpAdapter http;
  private EventBusAdapter bus;

  /** A server configured by its deployment's JSON config (keys are the long option names). */
  public ModelServerVerticle() {
    this(null);
  }

  public ModelServerVerticle(ServerConfig cfg) {
    this.given = cfg;
  }

  @Override
  public Future<?> start() {
    cfg = given != null ? given : ServerConfig.from(config());
    return AuditLog.open(vertx, cfg.id(), cfg.trust().auditLog(), cfg.trust().auditFile())
        .compose(a -> {
          audit = a;
          return ModelService.load(vertx, cfg);
        })
        .compose(site -> {
          service = new ModelService(vertx, cfg, site, cfg.eventBusKey());
          RequestPipeline pipeline = new RequestPipeline(service, audit);
          http = cfg.http() ? new HttpAdapter(vertx, pipeline) : null;
          bus = new EventBusAdapter(vertx.eventBus(), pipeline, () -> http == null ? null : http.url());
          return Future.all(http == null ? Future.succeededFuture() : http.listen(), bus.register());
        })
        .onSuccess(x -> LOG.info("model server {} ({}) serving {} rows of {} ({} ~ {}) on {}the event bus", cfg.id(),
            service.key(), service.data().rows(), cfg.data().source(), service.data().target(),
            String.join(", ", service.data().features()),
            http == null ? "" : http.url() + (cfg.tls().mutual() ? " (mutual TLS)" : "") + " and "));
  }

  @Override
  public Future<?> stop() {
    if (service != null) {
      LOG.info("model server {} ({}) leaving", cfg.id(), service.key());
      bus.leave();
    }
    return Future.all(service == null ? Future.succeededFuture() : service.close(),
        audit == null ? Future.succeededFuture() : audit.close());
  }

  /** The bound HTTP port (useful with port 0); -1 without HTTP. */
  public int actualPort() {
    return http == null ? -1 : http.port();
  }

  /** The HTTP routes served, as "METHOD /path" (empty without HTTP). */
  public List<String> routes() {
    return http == null ? List.of() : http.routes();
  }

  /** Rows held. */
  public int rows() {
    return service.data().rows();
  }

  /** Columns held (features and target). */
  public int columns() {
    return service.data().featureCount() + 1;
  }

  /** This server's event-bus key. */
  public String key() {
    return service.key();
  }

  /** What the server does with its rows (for tests in this package). */
  ModelService service() {
    return service;
  }
}
