package org.openlgd.coordinator;

import io.netty.handler.timeout.TimeoutException;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.openlgd.api.CallContext;
import org.openlgd.api.EstimateCodec;
import org.openlgd.api.HelloCodec;
import org.openlgd.api.ModelServerClient;
import org.openlgd.api.RoundTag;
import org.openlgd.api.ServerCallException;
import org.openlgd.api.ServerInfo;
import org.openlgd.api.StaleReplyException;
import org.openlgd.api.StartCodec;
import org.openlgd.api.UpdateCodec;
import org.openlgd.api.ValidationCodec;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Validation;

/** A model server reached over HTTP(S) (the openLGD API). */
public final class HttpModelServerClient implements ModelServerClient {
  private final WebClient client;
  private final String base;
  private final String token;

  public HttpModelServerClient(WebClient client, String baseUrl) {
    this(client, baseUrl, null);
  }

  /** A client that presents {@code token} (null for none) as a bearer token. */
  public HttpModelServerClient(WebClient client, String baseUrl, String token) {
    this.token = token;
    this.client = client;
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  @Override
  public String address() {
    return base;
  }

  @Override
  public Future<ServerInfo> hello(CallContext call) {
    return call(client.getAbs(base + "/"), null, call, json -> HelloCodec.parse(base, json));
  }

  @Override
  public Future<LocalEstimate> start(Model model, List<String> features, BetaRegression.Boundary boundary, CallContext call) {
    HttpRequest<Buffer> req = client.getAbs(base + "/start");
    StartCodec.encode(model, boundary, call.tag()).forEach(field -> req.addQueryParam(field.getKey(), field.getValue().toString()));
    return call(req, null, call, json -> EstimateCodec.parse(json, model, features));
  }

  @Override
  public Future<LocalEstimate> update(Model model, int epoch, List<String> features, double[] parameters,
                                      BetaRegression.Boundary boundary, CallContext call) {
    JsonObject body = UpdateCodec.encode(model, epoch, features, parameters, boundary, call.tag());
    return call(client.postAbs(base + "/update"), body, call, json -> EstimateCodec.parse(json, model, features));
  }

  @Override
  public Future<Validation.Sums> validate(Model model, List<String> features, double[] parameters,
                                          BetaRegression.Boundary boundary, CallContext call) {
    JsonObject body = UpdateCodec.encode(model, 0, features, parameters, boundary, call.tag());
    return call(client.postAbs(base + "/validate"), body, call, ValidationCodec::parse);
  }

  private <T> Future<T> call(HttpRequest<Buffer> req, JsonObject body, CallContext call, Function<JsonObject, T> read) {
    req.timeout(call.timeoutMs());
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    Future<HttpResponse<Buffer>> sent = body == null ? req.send() : req.sendJsonObject(body);
    return sent.transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(new ServerCallException(base + ": " + describe(ar.cause(), call), retryable(ar.cause())));
      }
      HttpResponse<Buffer> resp = ar.result();
      JsonObject json;
      try {
        json = resp.body() == null ? new JsonObject() : new JsonObject(resp.body());
      } catch (DecodeException | ClassCastException e) {
        return Future.failedFuture(new ServerCallException(base + ": HTTP " + resp.statusCode()
            + " with a body that is not a JSON object", ServerCallException.transientStatus(resp.statusCode())));
      }
      if (resp.statusCode() != 200) {
        String msg = json.getValue("error") instanceof String s ? s : resp.statusMessage();
        return Future.failedFuture(new ServerCallException(base + ": HTTP " + resp.statusCode() + ": " + msg,
            ServerCallException.transientStatus(resp.statusCode())));
      }
      try {
        if (call.tag() != RoundTag.NONE) {
          call.tag().checkEcho(json);
        }
        return Future.succeededFuture(read.apply(json));
      } catch (StaleReplyException e) {
        return Future.failedFuture(new ServerCallException(base + ": " + e.getMessage(), e.retryable()));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new ServerCallException(base + ": unusable reply: " + e.getMessage()));
      }
    });
  }

  /** Lost connections and timeouts may pass; a refused TLS handshake or another client-side error will not. */
  private static boolean retryable(Throwable t) {
    if (t instanceof SSLException || t.getCause() instanceof SSLException) {
      return false;
    }
    return t instanceof ConnectException || t instanceof TimeoutException
        || t instanceof java.util.concurrent.TimeoutException || t instanceof HttpClosedException
        || t instanceof IOException || t instanceof VertxException;
  }

  private static String describe(Throwable t, CallContext call) {
    if (t instanceof ConnectException) {
      return "cannot connect (" + t.getMessage() + "); is the server running?";
    }
    if (t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException) {
      return "no answer within " + call.timeoutMs() + " ms";
    }
    if (t instanceof SSLException || t.getCause() instanceof SSLException) {
      return "TLS handshake failed (" + t.getMessage() + "); check --tls-truststore and the server's certificate";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
