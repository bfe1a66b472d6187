package org.openlgd.coordinator;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.openlgd.api.ModelServerClient;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.model.Fit;
import org.openlgd.model.Protocol;
import org.openlgd.model.ValidationReply;
import org.openlgd.stats.Validation;

/**
 * What a run studies after its pooled fit, each by more exact fits on some of the servers: the servers' own fits
 * for a meta-analysis ({@code --meta}), and fits on all but one server validated on that one
 * ({@code --cross-validate servers}). One fit after the other; a fit that fails leaves its server out, with the
 * reason. Rounds of a fit on one server's rows alone are marked local, which a server may refuse.
 */
final class Studies {
  private final RoundEngine engine;
  private final CoordinatorConfig cfg;
  private final List<ModelServerClient> members;
  private final ToIntFunction<ModelServerClient> id;
  private final List<String> features;
  private final Supplier<Protocol> protocol;
  private final BiFunction<Protocol, List<ModelServerClient>, Future<Fit>> rounds;

  Studies(RoundEngine engine, CoordinatorConfig cfg, List<ModelServerClient> members, ToIntFunction<ModelServerClient> id,
          List<String> features, Supplier<Protocol> protocol,
          BiFunction<Protocol, List<ModelServerClient>, Future<Fit>> rounds) {
    this.engine = engine;
    this.cfg = cfg;
    this.members = List.copyOf(members);
    this.id = id;
    this.features = List.copyOf(features);
    this.protocol = protocol;
    this.rounds = rounds;
  }

  /** A fit on {@code who}: its rounds marked local when {@code who} is one server. */
  private Future<Fit> fit(List<ModelServerClient> who) {
    engine.local(who.size() == 1);
    return rounds.apply(protocol.get(), who).onComplete(x -> engine.local(false));
  }

  /** Each server's own fit, and per coefficient their combination. */
  Future<MetaResult> meta(Fit pooled) {
    List<MetaResult.Local> fits = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (ModelServerClient m : members) {
      int server = id.applyAsInt(m);
      chain = chain.compose(x -> fit(List.of(m)).transform(ar -> {
        fits.add(ar.succeeded() ? new MetaResult.Local(server, ar.result(), null)
            : new MetaResult.Local(server, null, ar.cause().getMessage()));
        return Future.<Void>succeededFuture();
      }));
    }
    return chain.map(x -> MetaResult.of(fits, cfg.model().parameterNames(features), pooled));
  }

  /** For each server, a fit on the others validated on its rows; and all held-out figures pooled. */
  Future<CrossValidation> crossValidate() {
    List<CrossValidation.HeldOut> held = new ArrayList<>();
    List<Validation.Sums> sums = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (ModelServerClient m : members) {
      int server = id.applyAsInt(m);
      List<ModelServerClient> others = members.stream().filter(c -> c != m).toList();
      chain = chain.compose(x -> fit(others)
          .compose(f -> engine.<ValidationReply>gather("held-out validation of server " + server, List.of(m), true,
                  (c, call) -> c.validate(cfg.model(), features, f.coefficients(), cfg.boundary(), call))
              .map(g -> {
                ValidationReply reply = g.replies().get(0);
                sums.add(reply.sums());
                return new CrossValidation.HeldOut(server, f, reply.report(), null);
              }))
          .transform(ar -> {
            held.add(ar.succeeded() ? ar.result() : new CrossValidation.HeldOut(server, null, null,
                ar.cause().getMessage()));
            return Future.<Void>succeededFuture();
          }));
    }
    return chain.map(x -> new CrossValidation(List.copyOf(held),
        sums.isEmpty() ? null : Validation.report(Validation.Sums.add(sums))));
  }
}
