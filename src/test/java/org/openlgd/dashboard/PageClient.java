package org.openlgd.dashboard;

import io.netty.handler.codec.http.cookie.Cookie;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;

/**
 * The dashboard as its page talks to it: cookies kept between requests (session and CSRF), and the CSRF cookie's
 * token sent back in the header with every POST.
 */
final class PageClient {
  private final WebClientSession web;
  private final String base;

  PageClient(Vertx vertx, String base) {
    this.web = WebClientSession.create(WebClient.create(vertx));
    this.base = base;
  }

  /** The page's own GETs (no redirects followed, so that a redirect to the login page shows). */
  Future<HttpResponse<Buffer>> get(String path) {
    return web.getAbs(base + path).followRedirects(false).send();
  }

  /** A JSON POST with the CSRF header, as the page sends it. */
  Future<HttpResponse<Buffer>> post(String path, JsonObject body) {
    return web.postAbs(base + path).putHeader(Access.CSRF_HEADER, csrf()).sendJsonObject(body);
  }

  /** A POST of raw bytes with the CSRF header (a malformed body the page would not send). */
  Future<HttpResponse<Buffer>> post(String path, Buffer body) {
    return web.postAbs(base + path).putHeader(Access.CSRF_HEADER, csrf()).putHeader("content-type", "application/json")
        .sendBuffer(body);
  }

  /** A JSON POST without the CSRF header (a forged request riding on the cookies). */
  Future<HttpResponse<Buffer>> forged(String path, JsonObject body) {
    return web.postAbs(base + path).sendJsonObject(body);
  }

  /** The login form: fetches it (for its token) and posts user and password with it. */
  Future<HttpResponse<Buffer>> login(String user, String password) {
    return get("/login").compose(page -> web.postAbs(base + "/login").followRedirects(false)
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("username", user).add("password", password)
            .add(Access.CSRF_HEADER, csrf())));
  }

  /** The CSRF token of the cookie the dashboard set, or "" before it set one. */
  String csrf() {
    for (Cookie c : web.cookieStore().get(false, "127.0.0.1", "/")) {
      if (c.name().equals(Access.CSRF_COOKIE)) {
        return c.value();
      }
    }
    return "";
  }
}
