package org.openlgd.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.TestServers;
import org.openlgd.api.Addresses;
import org.openlgd.data.Dataset;
import org.slf4j.LoggerFactory;

/**
 * Only known conditions are client errors: a bug in estimation is a 500 with an error id, the same over HTTP and the
 * event bus, with its stack trace logged under that id; and with {@code --audit-required} no data leave a server whose
 * audit trail cannot be written.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("Honest errors and fail-closed audit")
class HonestErrorsTest {
  private static final JsonObject UPDATE = new JsonObject().put("intercept", 0.1).put("coefficients", new JsonObject()
      .put("ltv", 0.3).put("senior", -0.2).put("log_ead", 0.02).put("months_in_default", 0.007));
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger pipelineLog = (Logger) LoggerFactory.getLogger(RequestPipeline.class);

  @BeforeEach
  void watchLog() {
    logged.start();
    pipelineLog.addAppender(logged);
  }

  @AfterEach
  void unwatchLog() {
    pipelineLog.detachAppender(logged);
  }

  @Test
  @DisplayName("mutation check: a NullPointerException injected into estimation is a 500 with an error id, over both transports")
  void injectedBugIs500(Vertx vertx, VertxTestContext ctx) throws Exception {
    ModelServerVerticle server = new ModelServerVerticle();
    WebClient client = WebClient.create(vertx);
    vertx.deployVerticle(server, new DeploymentOptions().setConfig(new JsonObject().put("data", "data/bank1.csv")
            .put("id", 1).put("port", 0)))
        .compose(id -> {
          // the mutation: the server's rows lose their feature columns, so estimation dereferences null
          breakColumns(server.service().data());
          return client.postAbs("http://127.0.0.1:" + server.actualPort() + "/update").sendJsonObject(UPDATE);
        })
        .compose(http -> {
          ctx.verify(() -> {
            assertThat(http.statusCode()).isEqualTo(500);
            JsonObject body = http.bodyAsJsonObject();
            String id = body.getString("errorId");
            assertThat(id).hasSize(8);
            assertThat(body.getString("error")).contains("internal error").contains(id).doesNotContain("NullPointer");
            assertThat(logged.list).anySatisfy(e -> {
              assertThat(e.getLevel()).isEqualTo(Level.ERROR);
              assertThat(e.getFormattedMessage()).contains("error id " + id);
              assertThat(e.getThrowableProxy().getClassName()).isEqualTo(NullPointerException.class.getName());
            });
          });
          return vertx.eventBus().request(Addresses.server(server.key(), Addresses.UPDATE), UPDATE);
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).isInstanceOf(ReplyException.class);
          ReplyException re = (ReplyException) e;
          assertThat(re.failureCode()).isEqualTo(500);
          assertThat(re.getMessage()).contains("internal error (error id ");
          String id = re.getMessage().replaceAll(".*error id ([0-9a-f]{8}).*", "$1");
          assertThat(logged.list).anySatisfy(ev -> assertThat(ev.getFormattedMessage()).contains("error id " + id)
              .contains(Addresses.UPDATE));
          ctx.completeNow();
        })));
  }

  private static void breakColumns(Dataset d) {
    try {
      Field columns = Dataset.class.getDeclaredField("columns");
      columns.setAccessible(true);
      columns.set(d, null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("the mutation cannot be applied: " + e, e);
    }
  }

  @Test
  @DisplayName("a known condition (a target outside the model's support) stays a 422 naming the row, without an error id")
  void knownConditionIs422(Vertx vertx, VertxTestContext ctx) {
    WebClient client = WebClient.create(vertx);
    TestServers.deploy(vertx, new JsonObject().put("data", "data/bank1.csv").put("id", 1))
        .compose(url -> client.getAbs(url + "/start?model=beta").send())
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.statusCode()).isEqualTo(422);
          assertThat(r.bodyAsJsonObject().getString("error")).contains("data row").contains("boundary exclude");
          assertThat(r.bodyAsJsonObject().containsKey("errorId")).isFalse();
          assertThat(logged.list).noneSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.ERROR));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("--audit-required: a data request whose audit entry cannot be written is refused with 503")
  void auditRequired(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    WebClient client = WebClient.create(vertx);
    Path ok = dir.resolve("audit.jsonl");
    // /dev/full opens, and every write to it fails (no space left on device)
    JsonObject failing = new JsonObject().put("data", "data/bank1.csv").put("id", 1).put("audit-file", "/dev/full");
    TestServers.deploy(vertx, failing.copy().put("audit-required", true))
        .compose(url -> client.postAbs(url + "/update").sendJsonObject(UPDATE)
            .compose(refused -> {
              ctx.verify(() -> {
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.bodyAsJsonObject().getString("error")).contains("audit trail cannot be written")
                    .contains("--audit-required");
                assertThat(refused.bodyAsJsonObject().containsKey("intercept")).isFalse();
              });
              return client.getAbs(url + "/").send();
            }))
        .compose(hello -> {
          ctx.verify(() -> assertThat(hello.statusCode()).as("liveness needs no audit entry").isEqualTo(200));
          return TestServers.deploy(vertx, failing.copy().put("id", 2));
        })
        .compose(url -> client.postAbs(url + "/update").sendJsonObject(UPDATE))
        .compose(open -> {
          ctx.verify(() -> assertThat(open.statusCode()).as("without --audit-required the answer goes out").isEqualTo(200));
          return TestServers.deploy(vertx, new JsonObject().put("data", "data/bank1.csv").put("id", 3)
              .put("audit-file", ok.toString()).put("audit-required", true));
        })
        .compose(url -> client.postAbs(url + "/update").sendJsonObject(UPDATE))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(Files.readString(ok)).contains("\"status\":200").contains("POST /update");
          ctx.completeNow();
        })));
  }
}
