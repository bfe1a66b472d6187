package org.openlgd.coordinator;

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
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.openlgd.api.CallContext;
import org.openlgd.api.DesignCodec;
import org.openlgd.api.MessageClient;
import org.openlgd.api.SecureCodec;
import org.openlgd.api.ServerCallException;

/** A model server reached over HTTP(S) (the openLGD API). */
public final class HttpModelServerClient extends MessageClient {
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
  protected Future<JsonObject> exchange(Exchange op, JsonObject message, CallContext call) {
    boolean query = op == Exchange.HELLO || (op == Exchange.START && !message.containsKey(SecureCodec.SECURE)
        && !message.containsKey(DesignCodec.DESIGN));
    HttpRequest<Buffer> req = switch (op) {
      case HELLO -> client.getAbs(base + "/");
      case KEYS -> client.postAbs(base + "/keys");
      case LEVELS -> client.postAbs(base + "/levels");
      case START -> query ? client.getAbs(base + "/start") : client.postAbs(base + "/start");
      case UPDATE -> client.postAbs(base + "/update");
      case VALIDATE -> client.postAbs(base + "/validate");
      case DESCRIBE -> client.postAbs(base + "/describe");
    };
    req.timeout(call.timeoutMs());
    if (token != null) {
      req.bearerTokenAuthentication(token);
    }
    Future<HttpResponse<Buffer>> sent;
    if (query) {
      message.forEach(field -> req.addQueryParam(field.getKey(), field.getValue().toString()));
      sent = req.send();
    } else {
      sent = req.sendJsonObject(message);
    }
    return sent.transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(failure(ar.cause(), call));
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
      return Future.succeededFuture(json);
    });
  }

  /**
   * A refused connection and a call without an answer in time are unlikely to pass at once; another lost connection
   * may; a refused TLS handshake or another client-side error will not.
   */
  private ServerCallException failure(Throwable t, CallContext call) {
    String message = base + ": " + describe(t, call);
    if (t instanceof SSLException || t.getCause() instanceof SSLException) {
      return new ServerCallException(message);
    }
    if (t instanceof ConnectException || t instanceof TimeoutException) {
      return ServerCallException.unreachable(message);
    }
    return new ServerCallException(message, t instanceof HttpClosedException || t instanceof IOException
        || t instanceof VertxException);
  }

  private static String describe(Throwable t, CallContext call) {
    if (t instanceof ConnectException) {
      return "cannot connect (" + t.getMessage() + "); is the server running?";
    }
    if (t instanceof TimeoutException) {
      return "no answer within " + call.timeoutMs() + " ms";
    }
    if (t instanceof SSLException || t.getCause() instanceof SSLException) {
      return "TLS handshake failed (" + t.getMessage() + "); check --tls-truststore and the server's certificate";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
