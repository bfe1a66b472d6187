package org.openlgd.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.coordinator.CoordinatorVerticle;
import org.openlgd.coordinator.FederatedResult;
import org.openlgd.coordinator.RunListener;
import org.openlgd.coordinator.RunRecord;

/**
 * Secure federated averaging across JVMs when a server dies: four model-server JVMs from the packaged jar, the
 * coordinator in this JVM, one server killed with SIGKILL mid-run. A secure round masked against a dead participant is
 * useless, so the round is asked again of the other three under a new attempt (new masks); later rounds leave the
 * dead server out from the start (its circuit is open); the run finishes on three and the run record says so. The JVMs are killed by PID afterwards.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Secure aggregation: a dead server costs a restarted round, not the run")
class SecureRestartIT {
  private final List<ServerJvm> servers = new ArrayList<>();

  @BeforeEach
  void startServers() throws Exception {
    servers.addAll(ServerJvm.banks(4));
  }

  @AfterEach
  void stopServers() throws Exception {
    for (ServerJvm s : servers) {
      s.close();
    }
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("SIGKILL to one of 4 servers in secure sgd with --min-servers 3: finishes on 3, the restart recorded")
  void killedServerRestartsTheRound(Vertx vertx, VertxTestContext ctx, @TempDir Path runs) {
    ServerJvm victim = servers.get(1);
    JsonObject conf = new JsonObject().put("servers", servers.stream().map(ServerJvm::url).collect(Collectors.joining(",")))
        .put("model", "sgd").put("epochs", 8).put("secure", true).put("min-servers", 3).put("timeout", 1_000)
        .put("round-timeout", 5_000).put("retries", 1).put("retry-backoff", 50);
    RunRecord record = new RunRecord(runs, "test", conf);
    CoordinatorVerticle c = new CoordinatorVerticle(CoordinatorConfig.from(conf), RunListener.both(record, new RunListener() {
      @Override
      public void round(FederatedResult.Round round) {
        if (round.epoch() == 3) {
          victim.kill();
        }
      }
    }), false);
    vertx.deployVerticle(c).compose(id -> c.result()).compose(r -> vertx.executeBlocking(() -> {
      record.close();
      return r;
    })).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(r.history()).hasSize(9);
      FederatedResult.Round last = r.history().get(8);
      assertThat(last.participants()).hasSize(3).doesNotContain(victim.url());
      // the round that found the server dead was asked again without it; later rounds leave it out from the start
      // (its circuit is open), so they need no second attempt
      List<FederatedResult.Round> restarted = r.history().stream().filter(round -> round.attempts() == 2).toList();
      assertThat(restarted).hasSize(1);
      assertThat(restarted.get(0).epoch()).isBetween(4, 5);
      assertThat(last.attempts()).isEqualTo(1);
      assertThat(last.absent()).anySatisfy(a -> assertThat(a).startsWith(victim.url() + ": circuit open"));
      assertThat(r.history().get(3).attempts()).isEqualTo(1);
      long rowsOfThree = r.servers().stream().filter(s -> !s.url().equals(victim.url())).mapToLong(s -> s.n()).sum();
      assertThat(r.n()).isEqualTo(rowsOfThree);
      List<JsonObject> lines = Files.readAllLines(record.directory().resolve("rounds.jsonl")).stream().map(JsonObject::new).toList();
      assertThat(lines).hasSize(9);
      assertThat(lines.stream().filter(l -> l.containsKey("attempts"))).singleElement()
          .satisfies(l -> assertThat(l.getInteger("attempts")).isEqualTo(2));
      assertThat(lines.get(2).containsKey("attempts")).isFalse();
      ctx.completeNow();
    })));
  }
}
