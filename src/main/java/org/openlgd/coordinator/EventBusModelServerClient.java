package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import org.openlgd.api.Addresses;
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

/** A model server reached over the (local or clustered) event bus, with the same JSON bodies as over HTTP. */
public final class EventBusModelServerClient implements ModelServerClient {
  private final EventBus eb;
  private final String key;
  private final String description;
  private final String token;

  /**
   * @param key         the server's event-bus key
   * @param description how to name the server to users (e.g. its process and host)
   */
  public EventBusModelServerClient(EventBus eb, String key, String description) {
    this(eb, key, description, null);
  }

  /** A client that presents {@code token} (null for none) in the "authorization" header. */
  public EventBusModelServerClient(EventBus eb, String key, String description, String token) {
    this.eb = eb;
    this.key = key;
    this.description = description;
    this.token = token;
  }

  @Override
  public String address() {
    return description;
  }

  @Override
  public Future<ServerInfo> hello(CallContext call) {
    return call(Addresses.HELLO, new JsonObject(), call, json -> HelloCodec.parse(description, json));
  }

  @Override
  public Future<LocalEstimate> start(Model model, List<String> features, BetaRegression.Boundary boundary, CallContext call) {
    JsonObject body = StartCodec.encode(model, boundary, call.tag());
    return call(Addresses.START, body, call, json -> EstimateCodec.parse(json, model, features));
  }

  @Override
  public Future<LocalEstimate> update(Model model, int epoch, List<String> features, double[] parameters,
                                      BetaRegression.Boundary boundary, CallContext call) {
    return call(Addresses.UPDATE, UpdateCodec.encode(model, epoch, features, parameters, boundary, call.tag()), call,
        json -> EstimateCodec.parse(json, model, features));
  }

  @Override
  public Future<Validation.Sums> validate(Model model, List<String> features, double[] parameters,
                                          BetaRegression.Boundary boundary, CallContext call) {
    return call(Addresses.VALIDATE, UpdateCodec.encode(model, 0, features, parameters, boundary, call.tag()), call,
        ValidationCodec::parse);
  }

  private <T> Future<T> call(String op, JsonObject body, CallContext call, Function<JsonObject, T> read) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(call.timeoutMs()).addHeader("caller", "coordinator");
    if (token != null) {
      options.addHeader("authorization", "Bearer " + token);
    }
    return eb.<JsonObject>request(Addresses.server(key, op), body, options).transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(new ServerCallException(description + ": " + describe(ar.cause(), call),
            retryable(ar.cause())));
      }
      Message<JsonObject> msg = ar.result();
      if (msg.body() == null) {
        return Future.failedFuture(new ServerCallException(description + ": empty reply to " + op));
      }
      try {
        if (call.tag() != RoundTag.NONE) {
          call.tag().checkEcho(msg.body());
        }
        return Future.succeededFuture(read.apply(msg.body()));
      } catch (StaleReplyException e) {
        return Future.failedFuture(new ServerCallException(description + ": " + e.getMessage(), e.retryable()));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new ServerCallException(description + ": unusable reply: " + e.getMessage()));
      }
    });
  }

  /** Timeouts and a missing handler (a server leaving or restarting) may pass; a server's own refusal will not. */
  private static boolean retryable(Throwable t) {
    if (t instanceof ReplyException re) {
      return switch (re.failureType()) {
        case TIMEOUT, NO_HANDLERS -> true;
        case RECIPIENT_FAILURE -> ServerCallException.transientStatus(re.failureCode());
        default -> false;
      };
    }
    return false;
  }

  private static String describe(Throwable t, CallContext call) {
    if (t instanceof ReplyException re) {
      return switch (re.failureType()) {
        case TIMEOUT -> "no answer within " + call.timeoutMs() + " ms";
        case NO_HANDLERS -> "not reachable on the event bus (the server has left or was never there)";
        case RECIPIENT_FAILURE -> "error " + re.failureCode() + ": " + re.getMessage();
        default -> re.getMessage();
      };
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
