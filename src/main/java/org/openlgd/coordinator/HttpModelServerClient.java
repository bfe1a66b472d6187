package org.openlgd.coordinator;

import io.netty.handler.timeout.TimeoutException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.ConnectException;
import java.util.List;
import java.util.function.Function;
import org.openlgd.api.Wire;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Validation;

/** A model server reached over HTTP (the openLGD API). */
public final class HttpModelServerClient implements ModelServerClient {
  private final WebClient client;
  private final String base;
  private final long timeoutMs;
  private final String token;

  public HttpModelServerClient(WebClient client, String baseUrl, long timeoutMs) {
    this(client, baseUrl, timeoutMs, null);
  }

  /** A client that presents {@code token} (null for none) as a bearer token. */
  public HttpModelServerClient(WebClient client, String baseUrl, long timeoutMs, String token) {
    this.token = token;
    this.client = client;
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public String address() {
    return base;
  }

  @Override
  public Future<ServerInfo> hello() {
    return call(client.getAbs(base + "/"), null, json -> ServerInfo.fromHello(base, json));
  }

  @Override
  public Future<LocalEstimate> start(Model model, List<String> features, BetaRegression.Boundary boundary) {
    HttpRequest<Buffer> req = client.getAbs(base + "/start").addQueryParam(Wire.MODEL, model.wireName())
        .addQueryParam(Wire.BOUNDARY, boundary.wireName());
    return call(req, null, json -> Wire.parseEstimate(json, model, features));
  }

  @Override
  public Future<LocalEstimate> update(Model model, int epoch, List<String> features, double[] parameters,
                                      BetaRegression.Boundary boundary) {
    JsonObject body = Wire.updateBody(model, epoch, features, parameters, boundary);
    return call(client.postAbs(base + "/update"), body, json -> Wire.parseEstimate(json, model, features));
  }

  @Override
  public Future<Validation.Sums> validate(Model model, List<String> features, double[] parameters,
                                          BetaRegression.Boundary boundary) {
    JsonObject body = Wire.updateBody(model, 0, features, parameters, boundary);
    return call(client.postAbs(base + "/validate"), body, Wire::parseValidation);
  }

  private <T> Future<T> call(HttpRequest<Buffer> req, JsonObject body, Function<JsonObject, T> read) {
    req.timeout(timeoutMs);
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    Future<HttpResponse<Buffer>> sent = body == null ? req.send() : req.sendJsonObject(body);
    return sent.transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(new ServerCallException(base + ": " + describe(ar.cause())));
      }
      HttpResponse<Buffer> resp = ar.result();
      JsonObject json;
      try {
        json = resp.body() == null ? new JsonObject() : new JsonObject(resp.body());
      } catch (DecodeException | ClassCastException e) {
        return Future.failedFuture(new ServerCallException(base + ": HTTP " + resp.statusCode() + " with a body that is not a JSON object"));
      }
      if (resp.statusCode() != 200) {
        String msg = json.getValue("error") instanceof String s ? s : resp.statusMessage();
        return Future.failedFuture(new ServerCallException(base + ": HTTP " + resp.statusCode() + ": " + msg));
      }
      try {
        return Future.succeededFuture(read.apply(json));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new ServerCallException(base + ": unusable reply: " + e.getMessage()));
      }
    });
  }

  private String describe(Throwable t) {
    if (t instanceof ConnectException) {
      return "cannot connect (" + t.getMessage() + "); is the server running?";
    }
    if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException) {
      return "no answer within " + timeoutMs + " ms";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
