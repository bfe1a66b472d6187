package org.openlgd.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.TestServers;
import org.openlgd.config.DashboardConfig;

/** The dashboard's login, session, CSRF protection and logout, over its HTTP API (the page itself: DashboardBrowserIT). */
@ExtendWith(VertxExtension.class)
@DisplayName("Dashboard login, session and CSRF")
class DashboardLoginTest {

  /** An htpasswd file with one user whose password is stored as {SHA} (an APR1 entry from openssl works the same). */
  static Path users(Path dir, String user, String password) throws Exception {
    byte[] sha = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
    Path f = dir.resolve("users.htpasswd");
    Files.writeString(f, "# dashboard users\n" + user + ":{SHA}" + Base64.getEncoder().encodeToString(sha) + "\n");
    return f;
  }

  @Test
  @DisplayName("no session: the page redirects to /login and the API answers 401; wrong password, missing CSRF token "
      + "and logout behave; a logged-in user starts a run only with the CSRF header")
  void loginSessionCsrf(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    Path users = users(dir, "alice", "s3cret pass");
    DashboardVerticle d = new DashboardVerticle();
    PageClient[] p = new PageClient[1];
    TestServers.deploy(vertx, "data/bank1.csv", 1)
        .compose(url -> vertx.deployVerticle(d, new DeploymentOptions().setConfig(new JsonObject().put("port", 0)
            .put("servers", url).put("users", users.toString()).put("runs-dir", dir.resolve("runs").toString()))))
        .compose(x -> {
          p[0] = new PageClient(vertx, "http://127.0.0.1:" + d.actualPort());
          return Future.all(p[0].get("/"), p[0].get("/api/runs"), p[0].get("/health"), p[0].get("/static/app.js"));
        })
        .compose(anonymous -> {
          ctx.verify(() -> {
            assertThat(anonymous.<HttpResponse<?>>resultAt(0).statusCode()).isEqualTo(302);
            assertThat(anonymous.<HttpResponse<?>>resultAt(0).getHeader("location")).isEqualTo("/login");
            assertThat(anonymous.<HttpResponse<?>>resultAt(1).statusCode()).isEqualTo(401);
            assertThat(anonymous.<HttpResponse<?>>resultAt(2).statusCode()).isEqualTo(200);
            assertThat(anonymous.<HttpResponse<?>>resultAt(3).statusCode()).isEqualTo(200);
          });
          return p[0].login("alice", "wrong");
        })
        .compose(wrong -> {
          ctx.verify(() -> assertThat(wrong.getHeader("location")).isEqualTo("/login?failed=1"));
          return p[0].forged("/login", new JsonObject().put("username", "alice").put("password", "s3cret pass"));
        })
        .compose(forged -> {
          ctx.verify(() -> assertThat(forged.statusCode()).as("a login post without the form's token").isNotEqualTo(200));
          return p[0].get("/api/runs");
        })
        .compose(still -> {
          ctx.verify(() -> assertThat(still.statusCode()).isEqualTo(401));
          return p[0].login("alice", "s3cret pass");
        })
        .compose(in -> {
          ctx.verify(() -> {
            assertThat(in.statusCode()).isEqualTo(302);
            assertThat(in.getHeader("location")).isEqualTo("/");
          });
          return p[0].get("/api/me");
        })
        .compose(me -> {
          ctx.verify(() -> assertThat(me.bodyAsJsonObject()).isEqualTo(new JsonObject().put("login", true).put("user", "alice")));
          return p[0].forged("/api/runs", new JsonObject().put("model", "ols"));
        })
        .compose(forged -> {
          ctx.verify(() -> {
            assertThat(forged.statusCode()).as("POST without the CSRF header").isEqualTo(403);
            assertThat(forged.bodyAsJsonObject().getString("error")).contains("CSRF");
          });
          return p[0].get("/").compose(page -> p[0].post("/api/runs", new JsonObject().put("model", "ols")));
        })
        .compose(started -> {
          ctx.verify(() -> assertThat(started.statusCode()).as(started.bodyAsString()).isEqualTo(202));
          return p[0].post("/logout", new JsonObject());
        })
        .compose(out -> {
          ctx.verify(() -> assertThat(out.statusCode()).isEqualTo(302));
          return p[0].get("/api/runs");
        })
        .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
          assertThat(after.statusCode()).as("after logout").isEqualTo(401);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("binding to a non-loopback address needs --users; an unreadable users file is a clear error")
  void usersRequiredOffLoopback(@TempDir Path dir) throws Exception {
    JsonObject base = new JsonObject().put("servers", "http://127.0.0.1:5001").put("port", 0);
    assertThatThrownBy(() -> DashboardConfig.from(base.copy().put("host", "0.0.0.0"), false))
        .hasMessageContaining("--users FILE is required to bind to 0.0.0.0");
    assertThat(DashboardConfig.from(base.copy().put("host", "0.0.0.0").put("users", users(dir, "a", "b").toString()), false)
        .users()).endsWith("users.htpasswd");
    assertThat(DashboardConfig.from(base.copy().put("host", "localhost"), false).users()).isNull();
    assertThatThrownBy(() -> DashboardConfig.from(base.copy().put("users", dir.resolve("none").toString()), false))
        .hasMessageContaining("no such readable file");
  }
}
