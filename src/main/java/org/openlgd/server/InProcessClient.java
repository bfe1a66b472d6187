package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.openlgd.api.CallContext;
import org.openlgd.api.MessageClient;
import org.openlgd.api.ServerCallException;
import org.openlgd.server.RequestPipeline.Call;
import org.openlgd.server.RequestPipeline.Operation;
import org.openlgd.server.RequestPipeline.Reply;

/**
 * A model server in the coordinator's own process, reached without a network: the third binding of
 * {@link RequestPipeline}, beside HTTP and the event bus. The messages are the same JSON objects, handed over
 * instead of sent, so a run over it goes through the same codecs, pipeline and protocol as a federation; the
 * standalone fit is a federation of one such server. Calls are not timed out: there is no network to stall.
 */
public final class InProcessClient extends MessageClient {
  private final RequestPipeline pipeline;
  private final String address;

  /** @param address how the server is named to users (its data source) */
  public InProcessClient(RequestPipeline pipeline, String address) {
    this.pipeline = pipeline;
    this.address = address;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  protected Future<JsonObject> exchange(Exchange op, JsonObject message, CallContext call) {
    Call request = new Call("direct", op.name().toLowerCase(Locale.ROOT), "in-process", null, address);
    Future<Reply> reply = switch (op) {
      case HELLO -> Future.succeededFuture(pipeline.hello(request));
      case KEYS -> pipeline.handle(request, Operation.KEYS, () -> message);
      case LEVELS -> pipeline.handle(request, Operation.LEVELS, () -> message);
      case START -> pipeline.handle(request, Operation.START, () -> message);
      case UPDATE -> pipeline.handle(request, Operation.UPDATE, () -> message);
      case VALIDATE -> pipeline.handle(request, Operation.VALIDATE, () -> message);
      case DESCRIBE -> pipeline.handle(request, Operation.DESCRIBE, () -> message);
    };
    return reply.compose(r -> r.ok() ? Future.succeededFuture(r.body())
        : Future.failedFuture(new ServerCallException(address + ": error " + r.status() + ": " + r.body().getString("error"),
            ServerCallException.transientStatus(r.status()))));
  }
}
