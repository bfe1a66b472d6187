package org.openlgd.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openlgd.api.Addresses;
import org.openlgd.api.CallContext;
import org.openlgd.server.ModelServerVerticle;

@ExtendWith(VertxExtension.class)
@DisplayName("Discovery and the event-bus client")
class DiscoveryTest {

  private static Future<String> server(Vertx vertx, int id, ModelServerVerticle v) {
    return vertx.deployVerticle(v, new DeploymentOptions().setConfig(new JsonObject().put("id", id).put("data", "data/bank" + id + ".csv")));
  }

  @Test
  @DisplayName("finds the servers, and drops one that leaves")
  void findsAndDrops(Vertx vertx, VertxTestContext ctx) {
    ModelServerVerticle a = new ModelServerVerticle();
    ModelServerVerticle b = new ModelServerVerticle();
    Future.all(server(vertx, 1, a), server(vertx, 2, b))
        .compose(ids -> Discovery.find(vertx, 2, 5_000, 200).map(found -> {
          ctx.verify(() -> assertThat(found).extracting(Discovery.Found::id).containsExactly(1, 2));
          return ids.<String>resultAt(1);
        }))
        .compose(bId -> {
          Future<?> search = Discovery.find(vertx, 3, 1_500, 200);
          vertx.setTimer(500, t -> vertx.undeploy(bId));
          return search;
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e.getMessage()).contains("found 1 model server").contains("server 1 (pid").doesNotContain("server 2");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("event-bus errors name the server: a bad request, a server that is gone")
  void errors(Vertx vertx, VertxTestContext ctx) {
    ModelServerVerticle a = new ModelServerVerticle();
    server(vertx, 1, a)
        .compose(id -> vertx.eventBus().<JsonObject>request(Addresses.server(a.key(), Addresses.UPDATE), new JsonObject().put("intercept", "x"))
            .transform(ar -> {
              ctx.verify(() -> {
                assertThat(ar.failed()).isTrue();
                assertThat(((ReplyException) ar.cause()).failureCode()).isEqualTo(400);
                assertThat(ar.cause().getMessage()).contains("'intercept' must be a number");
              });
              return Future.succeededFuture(id);
            }))
        .compose(id -> {
          EventBusModelServerClient client = new EventBusModelServerClient(vertx.eventBus(), a.key(), "server 1");
          return vertx.undeploy(id).compose(x -> client.hello(CallContext.untagged(1_000)));
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e.getMessage()).contains("server 1").contains("not reachable");
          ctx.completeNow();
        })));
  }
}
