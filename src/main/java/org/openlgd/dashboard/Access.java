package org.openlgd.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.htpasswd.HtpasswdAuth;
import io.vertx.ext.auth.htpasswd.HtpasswdAuthOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.handler.FormLoginHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the dashboard, built from Vert.x Web's handlers: with {@code --users}, a login page checked against the
 * htpasswd file ({@link HtpasswdAuth}, {@link FormLoginHandler}), a server-side session ({@link SessionHandler}, cookie
 * HttpOnly and SameSite=Strict, a new id at login), and logout; always, CSRF protection of every state-changing
 * request ({@link CSRFHandler}: the page sends the token of the {@value #CSRF_COOKIE} cookie in the
 * {@value #CSRF_HEADER} header; the login form carries it in a hidden field). Without a session, every route but
 * the login page, the style sheet, the scripts and {@code /health} is refused: 401 for the API, a redirect to the
 * login page for the page itself.
 */
final class Access {
  private static final Logger LOG = LoggerFactory.getLogger(Access.class);
  static final String CSRF_COOKIE = "openlgd-xsrf";
  static final String CSRF_HEADER = "X-XSRF-TOKEN";
  private static final String LOGIN_PAGE = page();

  private final Vertx vertx;
  private final HtpasswdAuth users;

  private Access(Vertx vertx, HtpasswdAuth users) {
    this.vertx = vertx;
    this.users = users;
  }

  /** Access for a dashboard: with the users of {@code usersFile} (read on a worker thread), or none (null). */
  static Future<Access> create(Vertx vertx, String usersFile) {
    if (usersFile == null) {
      return Future.succeededFuture(new Access(vertx, null));
    }
    return vertx.executeBlocking(() -> HtpasswdAuth.create(vertx, new HtpasswdAuthOptions().setHtpasswdFile(usersFile)
            .setPlainTextEnabled(false)), false)
        .map(auth -> {
          LOG.info("dashboard: login required; users from {}", usersFile);
          return new Access(vertx, auth);
        });
  }

  /** The handlers in front of every route of the page; mount before them. */
  void mount(Router router) {
    if (users != null) {
      router.route().handler(SessionHandler.create(LocalSessionStore.create(vertx)).setSessionCookieName("openlgd-session")
          .setCookieHttpOnlyFlag(true).setCookieSameSite(CookieSameSite.STRICT));
    }
    router.route().handler(BodyHandler.create().setBodyLimit(16 * 1024));
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    router.route().handler(CSRFHandler.create(vertx, Base64.getEncoder().encodeToString(secret))
        .setCookieName(CSRF_COOKIE).setHeaderName(CSRF_HEADER).setCookiePath("/"));
    if (users == null) {
      return;
    }
    router.get("/login").handler(this::loginPage);
    router.post("/login").handler(FormLoginHandler.create(users).setDirectLoggedInOKURL("/"))
        .failureHandler(ctx -> ctx.redirect(ctx.statusCode() == 403 ? "/login?expired=1" : "/login?failed=1"));
    router.post("/logout").handler(ctx -> ctx.userContext().logout("/login?out=1"));
    router.route().handler(this::guard);
  }

  private void loginPage(RoutingContext ctx) {
    String message = ctx.queryParams().contains("failed") ? "Wrong user name or password."
        : ctx.queryParams().contains("expired") ? "The form had expired; please log in again."
        : ctx.queryParams().contains("out") ? "Logged out." : "";
    ctx.response().putHeader("content-type", "text/html; charset=utf-8").putHeader("cache-control", "no-store")
        .end(LOGIN_PAGE.replace("{{csrf}}", (String) ctx.get(CSRF_HEADER)).replace("{{message}}", message));
  }

  /** Lets a request with a logged-in user through; else a redirect to the login page, or 401 for the API. */
  private void guard(RoutingContext ctx) {
    String path = ctx.request().path();
    if (ctx.user() != null || path.equals("/health") || path.startsWith("/static/")) {
      ctx.next();
    } else if (path.equals("/")) {
      ctx.redirect("/login");
    } else {
      ctx.response().setStatusCode(401).putHeader("content-type", "application/json")
          .end(new JsonObject().put("error", "log in first (POST /login)").encode());
    }
  }

  private static String page() {
    try (InputStream in = Access.class.getResourceAsStream("/webroot/login.html")) {
      if (in == null) {
        throw new IllegalStateException("webroot/login.html is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
