package org.openlgd.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.openlgd.formula.DesignSpec;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.model.ValidationReply;
import org.openlgd.secure.Participant;
import org.openlgd.stats.BetaRegression;

/**
 * The coordinator's view of one model server, independent of transport. Every call is bounded by its
 * {@link CallContext#timeoutMs()}, sends the context's run and round, rejects a reply that does not echo them, and
 * fails with a {@link ServerCallException} that names the server and says whether trying again may help.
 */
public interface ModelServerClient {
  /** The server's address, as shown to users. */
  String address();

  Future<ServerInfo> hello(CallContext call);

  /** The server's ephemeral key for the call's run (signed with its identity key, if it has one): secure rounds. */
  Future<Participant> keys(CallContext call);

  /**
   * The levels of the categorical factors of a run's design at this server (level names only), and its rows kept and
   * left out for missing values: the first round of a run with a formula.
   */
  default Future<LevelsReply> levels(DesignSpec design, CallContext call) {
    return Future.failedFuture(new ServerCallException(address() + ": this server takes no formula"));
  }

  Future<LocalEstimate> start(Model model, List<String> features, BetaRegression.Boundary boundary, CallContext call);

  Future<LocalEstimate> update(Model model, int epoch, List<String> features, double[] parameters,
                               BetaRegression.Boundary boundary, CallContext call);

  /**
   * The server's description of its rows ({@link DescribeCodec}): counts, moments, binned counts on the request's
   * grids and level counts, with what the disclosure rules hold back left null.
   */
  default Future<DescribeCodec.Reply> describe(JsonObject request, CallContext call) {
    return Future.failedFuture(new ServerCallException(address() + ": this server cannot describe its data"));
  }

  /** Validation sums of the model with {@code parameters} on the server's rows (masked in a secure round). */
  Future<ValidationReply> validate(Model model, List<String> features, double[] parameters,
                                   BetaRegression.Boundary boundary, CallContext call);
}
