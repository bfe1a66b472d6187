package org.openlgd.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openlgd.cluster.Clustering;
import org.openlgd.config.ClusterSettings;
import org.openlgd.config.Tls;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;

/**
 * Four model servers as four clustered JVMs (Hazelcast on loopback, a cluster name of the test's own); the
 * coordinator joins the cluster from the test JVM, discovers them and reaches them over the event bus. One server
 * JVM gets SIGKILL during a federated-averaging run.
 */
@DisplayName("Server failure in a cluster, over the event bus")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterFailuresIT {
  private final List<ServerJvm> servers = new ArrayList<>();
  private Vertx node;

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    for (ServerJvm s : servers) {
      s.close();
    }
    if (node != null) {
      await(node.close());
    }
  }

  @Test
  @DisplayName("SIGKILL to one of 4 clustered server JVMs mid-run: FedAvg over the event bus finishes on 3")
  void sigkillOverTheEventBus() throws Exception {
    String cluster = "openlgd-it-" + UUID.randomUUID();
    for (int k = 1; k <= 4; k++) {
      servers.add(new ServerJvm(k, "data/bank" + k + ".csv", List.of("--cluster", "--cluster-name", cluster)).launch());
    }
    node = await(Clustering.start(new ClusterSettings(true, cluster, null, "127.0.0.1", Tls.NONE)));
    for (ServerJvm s : servers) {
      s.awaitUp(90);
    }
    ServerJvm victim = servers.get(2);
    CoordinatorVerticle c = new CoordinatorVerticle(new RunListener() {
      @Override
      public void round(FederatedResult.Round round) {
        if (round.epoch() == 3) {
          victim.kill();
        }
      }
    });
    FederatedResult r = await(node.deployVerticle(c, new DeploymentOptions().setConfig(new JsonObject()
            .put("model", "sgd").put("epochs", 12).put("min-servers", 3).put("wait-seconds", 60)
            .put("timeout", 1_000).put("round-timeout", 4_000).put("retries", 3).put("retry-backoff", 50)))
        .compose(id -> c.result()));
    // every server was up before the coordinator looked, so discovery found all 4; --min-servers 3 is the quorum
    assertThat(r.servers()).hasSize(4);
    String victimAddress = "server " + victim.id + " (pid " + victim.pid() + "@";
    assertThat(r.history()).hasSize(13);
    assertThat(r.history().get(0).participants()).hasSize(4);
    FederatedResult.Round last = r.history().get(12);
    assertThat(last.participants()).hasSize(3).noneMatch(a -> a.startsWith(victimAddress));
    assertThat(last.absent()).singleElement().asString().startsWith(victimAddress);
    assertThat(r.history()).allSatisfy(round -> assertThat(round.participants().size()).isGreaterThanOrEqualTo(3));
  }
}
