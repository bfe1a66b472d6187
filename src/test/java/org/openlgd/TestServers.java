package org.openlgd;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.openlgd.server.ModelServerVerticle;

/** Deploys real model servers on free loopback ports for tests. */
public final class TestServers {
  private TestServers() {
  }

  /** A model server on a free port over {@code file}; completes with its base URL. */
  public static Future<String> deploy(Vertx vertx, String file, int id) {
    return deploy(vertx, new JsonObject().put("data", file).put("id", id));
  }

  public static Future<String> deploy(Vertx vertx, JsonObject config) {
    ModelServerVerticle v = new ModelServerVerticle();
    JsonObject c = config.copy().put("port", 0);
    return vertx.deployVerticle(v, new DeploymentOptions().setConfig(c))
        .map(id -> "http://127.0.0.1:" + v.actualPort());
  }
}
