package org.openlgd.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import org.openlgd.formula.DesignSpec;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.model.ValidationReply;
import org.openlgd.secure.Participant;
import org.openlgd.stats.BetaRegression;

/**
 * A {@link ModelServerClient} that exchanges the API's JSON messages over some transport. It encodes every request
 * with the message's codec, checks that the reply echoes the round, and decodes it, the same way whatever the
 * transport; a transport only carries one message there and its reply back ({@link #exchange}).
 */
public abstract class MessageClient implements ModelServerClient {
  /** The operations a coordinator asks of a server. */
  public enum Exchange { HELLO, KEYS, LEVELS, START, UPDATE, VALIDATE, DESCRIBE }

  /** Set once the liveness reply showed an original openLGD server (see {@link #read}). */
  private volatile boolean original;

  /**
   * Sends {@code message} for {@code op} and completes with the reply, or fails with a {@link ServerCallException}
   * naming the server and saying whether trying again may help.
   */
  protected abstract Future<JsonObject> exchange(Exchange op, JsonObject message, CallContext call);

  @Override
  public Future<ServerInfo> hello(CallContext call) {
    return exchange(Exchange.HELLO, new JsonObject(), call).compose(json -> read(json, call, j -> {
      ServerInfo info = HelloCodec.parse(address(), j);
      original = info.original();
      return info;
    }));
  }

  @Override
  public Future<Participant> keys(CallContext call) {
    return exchange(Exchange.KEYS, call.tag().putInto(new JsonObject()), call)
        .compose(json -> read(json, call, SecureCodec::participant));
  }

  @Override
  public Future<LevelsReply> levels(DesignSpec design, CallContext call) {
    if (original) {
      return Future.failedFuture(new ServerCallException(address() + ": an original openLGD server takes no formula"));
    }
    return exchange(Exchange.LEVELS, call.tag().putInto(DesignCodec.encode(design)), call)
        .compose(json -> read(json, call, j -> new LevelsReply(DesignCodec.parseLevels(j.getValue(DesignCodec.LEVELS),
            "'levels'"), j.getLong(Wire.N, 0L), j.getLong(DesignCodec.DROPPED, 0L))));
  }

  @Override
  public Future<LocalEstimate> start(Model model, List<String> features, BetaRegression.Boundary boundary, CallContext call) {
    Future<LocalEstimate> refused = refusedByOriginal(model);
    if (refused != null) {
      return refused;
    }
    return exchange(Exchange.START, secure(StartCodec.encode(model, boundary, call.tag()), call), call)
        .compose(json -> read(json, call, j -> EstimateCodec.parse(j, model, features)));
  }

  @Override
  public Future<LocalEstimate> update(Model model, int epoch, List<String> features, double[] parameters,
                                      BetaRegression.Boundary boundary, CallContext call) {
    Future<LocalEstimate> refused = refusedByOriginal(model);
    if (refused != null) {
      return refused;
    }
    return exchange(Exchange.UPDATE, secure(UpdateCodec.encode(model, epoch, features, parameters, boundary, call.tag()), call), call)
        .compose(json -> read(json, call, j -> EstimateCodec.parse(j, model, features)));
  }

  @Override
  public Future<ValidationReply> validate(Model model, List<String> features, double[] parameters,
                                          BetaRegression.Boundary boundary, CallContext call) {
    if (original) {
      return Future.failedFuture(new ServerCallException(address() + ": an original openLGD server has no validation"));
    }
    return exchange(Exchange.VALIDATE, secure(UpdateCodec.encode(model, 0, features, parameters, boundary, call.tag()), call), call)
        .compose(json -> read(json, call, ValidationCodec::parse));
  }

  @Override
  public Future<DescribeCodec.Reply> describe(JsonObject request, CallContext call) {
    if (original) {
      return Future.failedFuture(new ServerCallException(address() + ": an original openLGD server cannot describe its data"));
    }
    return exchange(Exchange.DESCRIBE, request, call).compose(json -> read(json, call, DescribeCodec::parse));
  }

  /** An original openLGD server fits sgd only: the refusal of another model, else null. */
  private <T> Future<T> refusedByOriginal(Model model) {
    return original && model != Model.SGD ? Future.failedFuture(new ServerCallException(address()
        + ": an original openLGD server offers sgd only, not " + model)) : null;
  }

  /** The request with the call's secure round and the run's design, if any. */
  private static JsonObject secure(JsonObject request, CallContext call) {
    if (call.design() != null) {
      request.put(DesignCodec.DESIGN, call.design());
    }
    if (call.local()) {
      request.put(Wire.LOCAL, true);
    }
    return call.secure() == null ? request : request.put(SecureCodec.SECURE, SecureCodec.round(call.secure()));
  }

  /**
   * The reply decoded, after checking that it belongs to the call's round. An original openLGD server echoes no round
   * and reports no row count: its reply is taken as the answer to the request it came back on (HTTP answers requests
   * in order), with one row, to be weighted by the coordinator.
   */
  private <T> Future<T> read(JsonObject reply, CallContext call, Function<JsonObject, T> decode) {
    try {
      if (original && call.tag() != RoundTag.NONE) {
        reply = call.tag().putInto(reply.copy());
        if (!reply.containsKey(Wire.N)) {
          reply.put(Wire.N, 1);
        }
      }
      if (call.tag() != RoundTag.NONE) {
        call.tag().checkEcho(reply);
      }
      return Future.succeededFuture(decode.apply(reply));
    } catch (StaleReplyException e) {
      return Future.failedFuture(new ServerCallException(address() + ": " + e.getMessage(), e.retryable()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new ServerCallException(address() + ": unusable reply: " + e.getMessage()));
    }
  }
}
