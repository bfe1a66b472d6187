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
import org.openlgd.api.Wire;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Validation;

/** A model server reached over the (local or clustered) event bus, with the same JSON bodies as over HTTP. */
public final class EventBusModelServerClient implements ModelServerClient {
  private final EventBus eb;
  private final String key;
  private final String description;
  private final DeliveryOptions options;

  /**
   * @param key         the server's event-bus key
   * @param description how to name the server to users (e.g. its process and host)
   */
  public EventBusModelServerClient(EventBus eb, String key, String description, long timeoutMs) {
    this(eb, key, description, timeoutMs, null);
  }

  /** A client that presents {@code token} (null for none) in the "authorization" header. */
  public EventBusModelServerClient(EventBus eb, String key, String description, long timeoutMs, String token) {
    this.eb = eb;
    this.key = key;
    this.description = description;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
    if (token != null) {
      options.addHeader("authorization", "Bearer " + token);
    }
  }

  @Override
  public String address() {
    return description;
  }

  @Override
  public Future<ServerInfo> hello() {
    return call(Addresses.HELLO, new JsonObject(), json -> ServerInfo.fromHello(description, json));
  }

  @Override
  public Future<LocalEstimate> start(Model model, List<String> features, BetaRegression.Boundary boundary) {
    JsonObject body = new JsonObject().put(Wire.MODEL, model.wireName()).put(Wire.BOUNDARY, boundary.wireName());
    return call(Addresses.START, body, json -> Wire.parseEstimate(json, model, features));
  }

  @Override
  public Future<LocalEstimate> update(Model model, int epoch, List<String> features, double[] parameters,
                                      BetaRegression.Boundary boundary) {
    return call(Addresses.UPDATE, Wire.updateBody(model, epoch, features, parameters, boundary),
        json -> Wire.parseEstimate(json, model, features));
  }

  @Override
  public Future<Validation.Sums> validate(Model model, List<String> features, double[] parameters,
                                          BetaRegression.Boundary boundary) {
    return call(Addresses.VALIDATE, Wire.updateBody(model, 0, features, parameters, boundary), Wire::parseValidation);
  }

  private <T> Future<T> call(String op, JsonObject body, Function<JsonObject, T> read) {
    return eb.<JsonObject>request(Addresses.server(key, op), body, options).transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(new ServerCallException(description + ": " + describe(ar.cause())));
      }
      Message<JsonObject> msg = ar.result();
      if (msg.body() == null) {
        return Future.failedFuture(new ServerCallException(description + ": empty reply to " + op));
      }
      try {
        return Future.succeededFuture(read.apply(msg.body()));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(new ServerCallException(description + ": unusable reply: " + e.getMessage()));
      }
    });
  }

  private String describe(Throwable t) {
    if (t instanceof ReplyException re) {
      return switch (re.failureType()) {
        case TIMEOUT -> "no answer within " + options.getSendTimeout() + " ms";
        case NO_HANDLERS -> "not reachable on the event bus (the server has left or was never there)";
        case RECIPIENT_FAILURE -> "error " + re.failureCode() + ": " + re.getMessage();
        default -> re.getMessage();
      };
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
