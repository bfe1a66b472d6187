package org.openlgd.secure;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.openlgd.api.CallContext;
import org.openlgd.api.ModelServerClient;
import org.openlgd.api.ServerInfo;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.model.ValidationReply;
import org.openlgd.stats.BetaRegression;

/**
 * A coordinator's client that records everything the coordinator receives from one server, and can alter the key the
 * server announces (as a key-substituting coordinator would).
 */
final class Recording implements ModelServerClient {
  final ModelServerClient inner;
  final List<Object> received = Collections.synchronizedList(new ArrayList<>());
  private final UnaryOperator<Participant> relay;

  Recording(ModelServerClient inner) {
    this(inner, UnaryOperator.identity());
  }

  Recording(ModelServerClient inner, UnaryOperator<Participant> relay) {
    this.inner = inner;
    this.relay = relay;
  }

  @Override
  public String address() {
    return inner.address();
  }

  @Override
  public Future<ServerInfo> hello(CallContext call) {
    return inner.hello(call);
  }

  @Override
  public Future<Participant> keys(CallContext call) {
    return inner.keys(call).map(relay::apply);
  }

  @Override
  public Future<LocalEstimate> start(Model model, List<String> features, BetaRegression.Boundary boundary, CallContext call) {
    return inner.start(model, features, boundary, call).onSuccess(received::add);
  }

  @Override
  public Future<LocalEstimate> update(Model model, int epoch, List<String> features, double[] parameters,
                                      BetaRegression.Boundary boundary, CallContext call) {
    return inner.update(model, epoch, features, parameters, boundary, call).onSuccess(received::add);
  }

  @Override
  public Future<ValidationReply> validate(Model model, List<String> features, double[] parameters,
                                          BetaRegression.Boundary boundary, CallContext call) {
    return inner.validate(model, features, parameters, boundary, call).onSuccess(received::add);
  }
}
