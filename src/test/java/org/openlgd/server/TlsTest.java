package org.openlgd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openlgd.TestCertificates;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;

@ExtendWith(VertxExtension.class)
@DisplayName("HTTPS and mutual TLS between coordinator and servers")
class TlsTest {
  private static Path ca;
  private static Path other;

  @BeforeAll
  static void certificates() throws Exception {
    ca = TestCertificates.make("federation", "server", "coordinator");
    other = TestCertificates.make("other", "stranger");
  }

  private static JsonObject stores(JsonObject c, Path dir, String keyStore, boolean trust) {
    if (keyStore != null) {
      c.put("tls-keystore", dir.resolve(keyStore + ".p12").toString())
          .put("tls-keystore-password-file", dir.resolve("password").toString());
    }
    if (trust) {
      c.put("tls-truststore", dir.resolve("truststore.p12").toString())
          .put("tls-truststore-password-file", dir.resolve("password").toString());
    }
    return c;
  }

  /** A model server on bank1.csv that serves HTTPS and requires client certificates from the test CA. */
  private static Future<String> mutualTlsServer(Vertx vertx) {
    ModelServerVerticle v = new ModelServerVerticle();
    JsonObject c = stores(new JsonObject().put("data", "data/bank1.csv").put("id", 1).put("port", 0), ca, "server", true);
    return vertx.deployVerticle(v, new DeploymentOptions().setConfig(c)).map(id -> "https://127.0.0.1:" + v.actualPort());
  }

  private static Future<FederatedResult> coordinate(Vertx vertx, JsonObject conf) {
    CoordinatorVerticle c = new CoordinatorVerticle(RunListener.NONE);
    return vertx.deployVerticle(c, new DeploymentOptions().setConfig(conf.put("model", "ols").put("retries", 1)
        .put("retry-backoff", 5).put("timeout", 5_000))).compose(id -> c.result());
  }

  @Test
  @DisplayName("a coordinator with a certificate from the federation's CA gets its fit over mutual TLS")
  void trustedCoordinator(Vertx vertx, VertxTestContext ctx) {
    mutualTlsServer(vertx)
        .compose(url -> coordinate(vertx, stores(new JsonObject().put("servers", url), ca, "coordinator", true)))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.n()).isEqualTo(r.servers().get(0).n()).isPositive();
          assertThat(r.servers().get(0).url()).startsWith("https://");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a client without a certificate, or with one from another CA, is refused and gets no data")
  void untrustedClientsRefused(Vertx vertx, VertxTestContext ctx) {
    mutualTlsServer(vertx).compose(url ->
            coordinate(vertx, stores(new JsonObject().put("servers", url), ca, null, true))
                .transform(noCert -> {
                  ctx.verify(() -> {
                    assertThat(noCert.failed()).as("no client certificate").isTrue();
                    assertThat(noCert.cause().getMessage()).contains(url);
                  });
                  JsonObject stranger = stores(new JsonObject().put("servers", url), ca, null, true)
                      .put("tls-keystore", other.resolve("stranger.p12").toString())
                      .put("tls-keystore-password-file", other.resolve("password").toString());
                  return coordinate(vertx, stranger);
                })
                .transform(strangerCert -> {
                  ctx.verify(() -> {
                    assertThat(strangerCert.failed()).as("certificate from another CA").isTrue();
                    assertThat(strangerCert.cause().getMessage()).contains(url);
                  });
                  // plain HTTP to the HTTPS port gets no answer either
                  return coordinate(vertx, new JsonObject().put("servers", url.replace("https://", "http://")));
                }))
        .onComplete(ctx.failing(plain -> ctx.verify(ctx::completeNow)));
  }

  @Test
  @DisplayName("a coordinator refuses a server whose certificate its trust store does not vouch for")
  void untrustedServerRefused(Vertx vertx, VertxTestContext ctx) {
    mutualTlsServer(vertx)
        .compose(url -> coordinate(vertx, stores(new JsonObject().put("servers", url), other, "stranger", true)))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e.getMessage()).contains("TLS handshake failed");
          ctx.completeNow();
        })));
  }
}
