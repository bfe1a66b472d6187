package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.openlgd.api.Addresses;
import org.openlgd.api.BadRequestException;
import org.openlgd.api.RoundTag;
import org.openlgd.server.RequestPipeline.Call;
import org.openlgd.server.RequestPipeline.Operation;
import org.openlgd.server.RequestPipeline.Reply;

/**
 * The model server's event-bus binding: {@code openlgd.server.<key>.hello|start|update|validate|levels|describe} (see
 * {@link Addresses}) through {@link RequestPipeline}, with the JSON bodies of the HTTP API; errors are failed replies
 * whose code is the HTTP status. It answers discovery broadcasts and announces its departure.
 */
final class EventBusAdapter {
  private final EventBus bus;
  private final RequestPipeline pipeline;
  private final Supplier<String> httpUrl;
  private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

  /** @param httpUrl the server's HTTP base URL once it listens, or null without HTTP */
  EventBusAdapter(EventBus bus, RequestPipeline pipeline, Supplier<String> httpUrl) {
    this.bus = bus;
    this.pipeline = pipeline;
    this.httpUrl = httpUrl;
  }

  Future<?> register() {
    String key = pipeline.service().key();
    consumers.add(bus.consumer(Addresses.server(key, Addresses.HELLO), this::hello));
    consumers.add(bus.consumer(Addresses.server(key, Addresses.START), msg -> handle(msg, Operation.START)));
    consumers.add(bus.consumer(Addresses.server(key, Addresses.UPDATE), msg -> handle(msg, Operation.UPDATE)));
    consumers.add(bus.consumer(Addresses.server(key, Addresses.VALIDATE), msg -> handle(msg, Operation.VALIDATE)));
    consumers.add(bus.consumer(Addresses.server(key, Addresses.KEYS), msg -> handle(msg, Operation.KEYS)));
    consumers.add(bus.consumer(Addresses.server(key, Addresses.LEVELS), msg -> handle(msg, Operation.LEVELS)));
    consumers.add(bus.consumer(Addresses.server(key, Addresses.DESCRIBE), msg -> handle(msg, Operation.DESCRIBE)));
    consumers.add(bus.consumer(Addresses.DISCOVER, this::discover));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  /** Tells coordinators this server is leaving (they drop it from discovery). */
  void leave() {
    bus.publish(Addresses.LEFT, new JsonObject().put("key", pipeline.service().key()));
  }

  private void hello(Message<JsonObject> msg) {
    Call call = call(msg);
    Reply refused = pipeline.authenticate(call, true, RoundTag.of(msg.body()));
    send(msg, refused != null ? refused : pipeline.hello(call));
  }

  private void handle(Message<JsonObject> msg, Operation op) {
    Call call = call(msg);
    Reply refused = pipeline.authenticate(call, false, RoundTag.of(msg.body()));
    if (refused != null) {
      send(msg, refused);
      return;
    }
    pipeline.handle(call, op, () -> {
      if (msg.body() == null && op == Operation.START) {
        return new JsonObject();
      }
      if (msg.body() == null) {
        throw new BadRequestException("the request body must be a JSON object");
      }
      return msg.body();
    }).onSuccess(reply -> send(msg, reply));
  }

  private void discover(Message<JsonObject> msg) {
    String replyTo = msg.body() == null ? null : msg.body().getString("replyTo");
    if (replyTo != null) {
      bus.send(replyTo, pipeline.service().announcement(httpUrl.get()));
    }
  }

  /** The coordinator names itself in the "caller" header and sends its token in "authorization". */
  private Call call(Message<JsonObject> msg) {
    String caller = msg.headers().get("caller");
    String url = httpUrl.get();
    return new Call("eventbus", msg.address(), caller == null ? "?" : caller.length() > 100 ? caller.substring(0, 100) : caller,
        msg.headers().get("authorization"), url == null ? "eventbus:" + pipeline.service().key() : url.replaceFirst("^https?://", ""));
  }

  private static void send(Message<JsonObject> msg, Reply reply) {
    if (reply.ok()) {
      msg.reply(reply.body());
    } else {
      msg.fail(reply.status(), reply.body().getString("error"));
    }
  }
}
