package org.openlgd.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.openlgd.TestServers;

/**
 * Model servers started on a source for the source tests (these and PostgresIT): what a server says of its rows (GET /), its exact OLS fit
 * (GET /start?model=ols), a reload, or the message a failed start gives.
 */
public final class SourceServers {
  private final Vertx vertx;
  private final WebClient client;

  public SourceServers(Vertx vertx) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
  }

  /** A started server's base URL. */
  public String deploy(JsonObject conf) throws Exception {
    return await(TestServers.deploy(vertx, conf));
  }

  /** {@code hello}: GET / of a server started with {@code conf}; {@code ols}: its GET /start?model=ols. */
  public JsonObject helloAndOls(JsonObject conf) throws Exception {
    String base = deploy(conf);
    return new JsonObject().put("hello", get(base + "/")).put("ols", get(base + "/start?model=ols"));
  }

  public JsonObject get(String url) throws Exception {
    return await(client.getAbs(url).send()).bodyAsJsonObject();
  }

  public HttpResponse<Buffer> reload(String base) throws Exception {
    return await(client.postAbs(base + "/reload").send());
  }

  /** The message a server's failed start gives ("started" if it started). */
  public String failedStart(JsonObject conf) throws Exception {
    return await(vertx.deployVerticle(new ModelServerVerticle(), new DeploymentOptions().setConfig(conf.copy().put("port", 0)))
        .transform(ar -> Future.succeededFuture(ar.failed() ? ar.cause().getMessage() : "started")));
  }

  public static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
