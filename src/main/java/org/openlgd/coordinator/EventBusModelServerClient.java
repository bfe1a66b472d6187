package org.openlgd.coordinator;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.openlgd.api.Addresses;
import org.openlgd.api.CallContext;
import org.openlgd.api.MessageClient;
import org.openlgd.api.ServerCallException;

/** A model server reached over the (local or clustered) event bus, with the same JSON bodies as over HTTP. */
public final class EventBusModelServerClient extends MessageClient {
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
  protected Future<JsonObject> exchange(Exchange op, JsonObject message, CallContext call) {
    String name = switch (op) {
      case HELLO -> Addresses.HELLO;
      case KEYS -> Addresses.KEYS;
      case LEVELS -> Addresses.LEVELS;
      case START -> Addresses.START;
      case UPDATE -> Addresses.UPDATE;
      case VALIDATE -> Addresses.VALIDATE;
      case DESCRIBE -> Addresses.DESCRIBE;
    };
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(call.timeoutMs()).addHeader("caller", "coordinator");
    if (token != null) {
      options.addHeader("authorization", "Bearer " + token);
    }
    return eb.<JsonObject>request(Addresses.server(key, name), message, options).transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(failure(ar.cause(), call));
      }
      Message<JsonObject> msg = ar.result();
      return msg.body() == null ? Future.failedFuture(new ServerCallException(description + ": empty reply to " + name))
          : Future.succeededFuture(msg.body());
    });
  }

  /**
   * No answer in time and a missing handler (a server leaving or restarting) are unlikely to pass at once; a 429 or
   * 503 from the server may; a server's own refusal will not.
   */
  private ServerCallException failure(Throwable t, CallContext call) {
    String message = description + ": " + describe(t, call);
    if (t instanceof ReplyException re) {
      return switch (re.failureType()) {
        case TIMEOUT, NO_HANDLERS -> ServerCallException.unreachable(message);
        case RECIPIENT_FAILURE -> new ServerCallException(message, ServerCallException.transientStatus(re.failureCode()));
        default -> new ServerCallException(message);
      };
    }
    return new ServerCallException(message);
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
