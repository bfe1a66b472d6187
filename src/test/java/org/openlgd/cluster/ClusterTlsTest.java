package org.openlgd.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openlgd.TestCertificates;
import org.openlgd.config.ClusterSettings;
import org.openlgd.config.Tls;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;
import org.openlgd.server.ModelServerVerticle;

@DisplayName("Clustered event bus over TLS with client certificates")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterTlsTest {

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private static Tls tls(Path dir, String name) throws Exception {
    String pw = Files.readString(dir.resolve("password")).trim();
    return new Tls(dir.resolve(name + ".p12").toString(), pw, dir.resolve("truststore.p12").toString(), pw);
  }

  private static FederatedResult coordinate(Vertx node, JsonObject conf) throws Exception {
    CoordinatorVerticle c = new CoordinatorVerticle(RunListener.NONE);
    return await(node.deployVerticle(c, new DeploymentOptions().setConfig(conf)).compose(id -> c.result()));
  }

  @Test
  @DisplayName("nodes with certificates from the federation's CA federate; a node without TLS reaches no server")
  void tlsEventBus() throws Exception {
    Path ca = TestCertificates.make("federation", "server", "coordinator");
    String name = "openlgd-tls-test-" + UUID.randomUUID();
    Vertx serverNode = await(Clustering.start(new ClusterSettings(true, name, null, "127.0.0.1", tls(ca, "server"))));
    Vertx coordinatorNode = null;
    Vertx plainNode = null;
    try {
      coordinatorNode = await(Clustering.start(new ClusterSettings(true, name, null, "127.0.0.1", tls(ca, "coordinator"))));
      plainNode = await(Clustering.start(new ClusterSettings(true, name, null, "127.0.0.1", Tls.NONE)));
      assertThat(serverNode.isClustered()).isTrue();
      await(serverNode.deployVerticle(new ModelServerVerticle(), new DeploymentOptions().setConfig(
          new JsonObject().put("id", 1).put("data", "data/bank1.csv"))));

      FederatedResult r = coordinate(coordinatorNode, new JsonObject().put("model", "ols").put("min-servers", 1)
          .put("wait-seconds", 30));
      assertThat(r.n()).isEqualTo(r.servers().get(0).n()).isPositive();

      Throwable failure = null;
      try {
        coordinate(plainNode, new JsonObject().put("model", "ols").put("min-servers", 1).put("wait-seconds", 3));
      } catch (Exception e) {
        failure = e.getCause() == null ? e : e.getCause();
      }
      assertThat(failure).isNotNull();
      assertThat(failure.getMessage()).contains("found 0 model servers");
    } finally {
      for (Vertx v : new Vertx[] {plainNode, coordinatorNode, serverNode}) {
        if (v != null) {
          await(v.close());
        }
      }
    }
  }
}
