package org.openlgd.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openlgd.config.ClusterSettings;
import org.openlgd.config.Tls;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;
import org.openlgd.server.ModelServerVerticle;

/**
 * Real Hazelcast on loopback, two clustered Vert.x instances in this JVM under a unique cluster name: the four
 * bank servers on one node, coordinators on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Clustered federation (Hazelcast on loopback)")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusteredFederationTest {
  private final String clusterName = "openlgd-test-" + UUID.randomUUID();
  private Vertx serverNode;
  private Vertx coordinatorNode;

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @BeforeAll
  void startCluster() throws Exception {
    ClusterSettings settings = new ClusterSettings(true, clusterName, null, "127.0.0.1", Tls.NONE);
    serverNode = await(Clustering.start(settings));
    coordinatorNode = await(Clustering.start(settings));
    List<Future<String>> deployed = new ArrayList<>();
    for (int k = 1; k <= 4; k++) {
      JsonObject c = new JsonObject().put("port", 0).put("id", k).put("data", "data/bank" + k + ".csv");
      deployed.add(serverNode.deployVerticle(new ModelServerVerticle(), new DeploymentOptions().setConfig(c)));
    }
    await(Future.all(deployed));
  }

  @AfterAll
  void stopCluster() throws Exception {
    if (coordinatorNode != null) {
      await(coordinatorNode.close());
    }
    if (serverNode != null) {
      await(serverNode.close());
    }
  }

  private static FederatedResult coordinate(Vertx node, JsonObject conf) throws Exception {
    CoordinatorVerticle c = new CoordinatorVerticle(RunListener.NONE);
    return await(node.deployVerticle(c, new DeploymentOptions().setConfig(conf)).compose(id -> c.result()));
  }

  @Test
  @DisplayName("servers on one node, coordinator on another: the event bus gives the HTTP result, bit for bit")
  void eventBusEqualsHttp() throws Exception {
    for (String model : List.of("ols", "sgd", "fractional-logit", "beta")) {
      JsonObject base = new JsonObject().put("model", model).put("epochs", 5).put("min-servers", 4).put("wait-seconds", 30)
          .put("boundary", "exclude");
      FederatedResult eb = coordinate(coordinatorNode, base.copy().put("transport", "eventbus"));
      FederatedResult http = coordinate(coordinatorNode, base.copy().put("transport", "http"));
      assertThat(eb.servers()).hasSize(4);
      assertThat(eb.n()).isEqualTo(model.equals("beta") ? 3597 : 6000).isEqualTo(http.n());
      assertThat(eb.servers().get(0).url()).contains("server 1 (pid " + ProcessHandle.current().pid());
      assertThat(http.servers().get(0).url()).startsWith("http://127.0.0.1:");
      assertThat(eb.coefficients()).as(model).containsExactly(http.coefficients());
      if (!model.equals("sgd")) {
        assertThat(eb.inference().standardErrors()).containsExactly(http.inference().standardErrors());
      }
    }
  }

  @Test
  @DisplayName("--min-servers 5 with 4 servers fails within --wait-seconds, naming the shortfall")
  void shortfall() {
    long t0 = System.nanoTime();
    JsonObject conf = new JsonObject().put("min-servers", 5).put("wait-seconds", 2);
    CoordinatorVerticle c = new CoordinatorVerticle(RunListener.NONE);
    Throwable failure = null;
    try {
      await(coordinatorNode.deployVerticle(c, new DeploymentOptions().setConfig(conf)).compose(id -> c.result()));
    } catch (Exception e) {
      failure = e.getCause() == null ? e : e.getCause();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("found 4 model servers").contains("5 are required").contains("missing 1");
    assertThat(seconds).isLessThan(2.0 + 1.0);
  }

  @Test
  @DisplayName("a cluster with another name does not see these servers")
  void clustersWithDifferentNamesStayApart() throws Exception {
    Vertx stranger = await(Clustering.start(new ClusterSettings(true, clusterName + "-other", null, "127.0.0.1", Tls.NONE)));
    try {
      CoordinatorVerticle c = new CoordinatorVerticle(RunListener.NONE);
      Throwable failure = null;
      try {
        await(stranger.deployVerticle(c, new DeploymentOptions().setConfig(
            new JsonObject().put("min-servers", 1).put("wait-seconds", 2))).compose(id -> c.result()));
      } catch (Exception e) {
        failure = e.getCause() == null ? e : e.getCause();
      }
      assertThat(failure).isNotNull();
      assertThat(failure.getMessage()).contains("found 0 model servers");
    } finally {
      await(stranger.close());
    }
  }
}
