package org.openlgd.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openlgd.config.ServerConfig;

@ExtendWith(VertxExtension.class)
@DisplayName("openNPL data source against a scripted backend")
class OpenNplSourceTest {

  /**
   * A backend with 5 entries over two DRF pages: entry 2 answers after 300 ms, entry 3 fails with 500 once, entry 5
   * lacks the target field unless {@code complete}.
   */
  static final class FakeBackend extends VerticleBase {
    final boolean complete;
    final AtomicInteger failuresLeft = new AtomicInteger(1);
    final AtomicInteger requests = new AtomicInteger();
    int port;

    FakeBackend(boolean complete) {
      this.complete = complete;
    }

    String base() {
      return "http://127.0.0.1:" + port;
    }

    @Override
    public Future<?> start() {
      Router r = Router.router(vertx);
      r.get("/api/npl_data/counterparties").handler(ctx -> {
        requests.incrementAndGet();
        boolean second = "2".equals(ctx.queryParams().get("page"));
        JsonArray results = new JsonArray();
        for (int id = second ? 4 : 1; id <= (second ? 5 : 3); id++) {
          results.add(new JsonObject().put("id", id).put("link", base() + "/api/npl_data/counterparties/" + id));
        }
        ctx.json(new JsonObject().put("count", 5).put("next", second ? null : base() + "/api/npl_data/counterparties?page=2")
            .put("results", results));
      });
      r.get("/api/npl_data/counterparties/:id").handler(ctx -> {
        requests.incrementAndGet();
        int id = Integer.parseInt(ctx.pathParam("id"));
        JsonObject row = new JsonObject().put("id", id).put("current_assets", id).put("cash_and_cash_equivalent_items", 2.0 * id + 1);
        if (id == 5 && !complete) {
          row.remove("cash_and_cash_equivalent_items");
        }
        if (id == 3 && failuresLeft.getAndDecrement() > 0) {
          ctx.response().setStatusCode(500).end("boom");
        } else if (id == 2) {
          vertx.setTimer(300, t -> ctx.json(row));
        } else {
          ctx.json(row);
        }
      });
      return vertx.createHttpServer().requestHandler(r).listen(0, "127.0.0.1").onSuccess(s -> port = s.actualPort());
    }
  }

  private static ServerConfig config(String base) {
    return ServerConfig.from(new JsonObject().put("data", base).put("fetch-concurrency", 2).put("fetch-retries", 2));
  }

  @Test
  @DisplayName("pages, a slow entry and a transient 500 are handled; rows keep the list order")
  void handlesPagesSlownessAndRetries(Vertx vertx, VertxTestContext ctx) {
    FakeBackend backend = new FakeBackend(true);
    vertx.deployVerticle(backend)
        .compose(id -> new OpenNplSource(vertx, config(backend.base()).data()).load())
        .onComplete(ctx.succeeding(d -> ctx.verify(() -> {
          assertThat(d.rows()).isEqualTo(5);
          assertThat(d.names()).containsExactly("cash_and_cash_equivalent_items", "current_assets");
          for (int i = 0; i < 5; i++) {
            assertThat(d.cell("current_assets", i)).isEqualTo(i + 1.0);
            assertThat(d.cell("cash_and_cash_equivalent_items", i)).isEqualTo(2.0 * (i + 1) + 1);
          }
          assertThat(backend.failuresLeft.get()).isNegative();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an entry without the field fails the load naming the entry's URL and the field")
  void missingField(Vertx vertx, VertxTestContext ctx) {
    FakeBackend backend = new FakeBackend(false);
    vertx.deployVerticle(backend)
        .compose(id -> new OpenNplSource(vertx, config(backend.base()).data()).load())
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e.getMessage()).contains(backend.base() + "/api/npl_data/counterparties/5")
              .contains("field 'cash_and_cash_equivalent_items' is missing");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a backend that is down fails after the retries, naming the URL")
  void backendDown(Vertx vertx, VertxTestContext ctx) throws Exception {
    int free;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = s.getLocalPort();
    }
    String base = "http://127.0.0.1:" + free;
    new OpenNplSource(vertx, config(base).data()).load().onComplete(ctx.failing(e -> ctx.verify(() -> {
      assertThat(e.getMessage()).contains(base + "/api/npl_data/counterparties").contains("after 3 attempts");
      ctx.completeNow();
    })));
  }
}
