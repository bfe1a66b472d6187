package org.openlgd.server;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
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
import org.openlgd.server.RequestPipeline.Call;
import org.openlgd.server.RequestPipeline.Operation;
import org.openlgd.server.RequestPipeline.Reply;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.Validation;

/**
 * A model server in the coordinator's own process, reached without a network: the third binding of
 * {@link RequestPipeline}, beside HTTP and the event bus. The messages are the same JSON objects, handed over
 * instead of sent, so a run over it goes through the same codecs, pipeline and protocol as a federation; the
 * standalone fit is a federation of one such server. Calls are not timed out: there is no network to stall.
 */
public final class InProcessClient implements ModelServerClient {
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
  public Future<ServerInfo> hello(CallContext call) {
    return read(pipeline.hello(call("hello")), call, json -> HelloCodec.parse(address, json));
  }

  @Override
  public Future<LocalEstimate> start(Model model, List<String> features, BetaRegression.Boundary boundary, CallContext call) {
    return pipeline.handle(call("start"), Operation.START, () -> StartCodec.encode(model, boundary, call.tag()))
        .compose(reply -> read(reply, call, json -> EstimateCodec.parse(json, model, features)));
  }

  @Override
  public Future<LocalEstimate> update(Model model, int epoch, List<String> features, double[] parameters,
                                      BetaRegression.Boundary boundary, CallContext call) {
    return pipeline.handle(call("update"), Operation.UPDATE,
            () -> UpdateCodec.encode(model, epoch, features, parameters, boundary, call.tag()))
        .compose(reply -> read(reply, call, json -> EstimateCodec.parse(json, model, features)));
  }

  @Override
  public Future<Validation.Sums> validate(Model model, List<String> features, double[] parameters,
                                          BetaRegression.Boundary boundary, CallContext call) {
    return pipeline.handle(call("validate"), Operation.VALIDATE,
            () -> UpdateCodec.encode(model, 0, features, parameters, boundary, call.tag()))
        .compose(reply -> read(reply, call, ValidationCodec::parse));
  }

  private Call call(String operation) {
    return new Call("direct", operation, "in-process", null, address);
  }

  private <T> Future<T> read(Reply reply, CallContext call, Function<JsonObject, T> parse) {
    if (!reply.ok()) {
      return Future.failedFuture(new ServerCallException(address + ": error " + reply.status() + ": "
          + reply.body().getString("error"), ServerCallException.transientStatus(reply.status())));
    }
    try {
      if (call.tag() != RoundTag.NONE) {
        call.tag().checkEcho(reply.body());
      }
      return Future.succeededFuture(parse.apply(reply.body()));
    } catch (StaleReplyException e) {
      return Future.failedFuture(new ServerCallException(address + ": " + e.getMessage(), e.retryable()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new ServerCallException(address + ": unusable reply: " + e.getMessage()));
    }
  }
}
