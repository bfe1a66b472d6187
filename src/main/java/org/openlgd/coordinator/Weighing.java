package org.openlgd.coordinator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.openlgd.api.ModelServerClient;
import org.openlgd.api.ServerInfo;
import org.openlgd.config.CoordinatorConfig;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How federated averaging weighs each server's estimate: by the rows the server reports (the default), or by fixed
 * weights, from {@code --server-weights} or equal. Fixed weights are what a federation with original openLGD servers in it
 * needs: such a server says nothing of its data (no row count, no columns), fits sgd on one feature only, and has no
 * validation. This class checks that a run can take the original servers found, says once (a warning) how they are
 * weighed, and puts the weights in place of the row counts of the estimates.
 */
final class Weighing {
  private static final Logger LOG = LoggerFactory.getLogger(Weighing.class);
  private final Map<ModelServerClient, Long> weights;
  private final boolean originals;

  private Weighing(Map<ModelServerClient, Long> weights, boolean originals) {
    this.weights = weights;
    this.originals = originals;
  }

  /**
   * The weighing of a run over {@code clients} (in --servers order), given the liveness replies {@code found}; fails
   * with a message naming the server when an original openLGD server cannot take part in this run.
   */
  static Weighing of(String runId, CoordinatorConfig cfg, List<ModelServerClient> clients,
                     Map<ModelServerClient, ServerInfo> found) {
    // in --servers order, whatever order the liveness replies came in
    List<ServerInfo> originals = clients.stream().map(found::get).filter(Objects::nonNull).filter(ServerInfo::original)
        .toList();
    if (!originals.isEmpty()) {
      String which = originals.stream().map(ServerInfo::url).collect(Collectors.joining(", "));
      String what = " is an original openLGD server (its liveness reply has no 'n'): it fits sgd on one feature only";
      if (cfg.model() != Model.SGD) {
        throw new IllegalStateException(which + what + "; --model " + cfg.model() + " needs openlgd servers throughout");
      }
      if (cfg.secure()) {
        throw new IllegalStateException(which + what + ", and cannot take part in secure aggregation");
      }
      found.values().stream().filter(s -> !s.original() && s.features().size() != 1).findFirst().ifPresent(s -> {
        throw new IllegalStateException(which + what + "; " + s.url() + " holds " + s.features().size() + " features "
            + s.features() + ": serve one feature (--features) to average with it");
      });
    }
    if (cfg.weights().isEmpty() && originals.isEmpty()) {
      return new Weighing(Map.of(), false);
    }
    Map<ModelServerClient, Long> w = new HashMap<>();
    List<String> shown = new ArrayList<>();
    for (int k = 0; k < clients.size(); k++) {
      long weight = cfg.weights().isEmpty() ? 1 : cfg.weights().get(k);
      w.put(clients.get(k), weight);
      shown.add(clients.get(k).address() + " " + weight);
    }
    if (!originals.isEmpty()) {
      LOG.warn("run {}: {} original openLGD server(s) ({}): sgd on one feature, no row counts, no validation; averaging "
          + "with {}: {}", runId, originals.size(), clients.stream().filter(c -> found.containsKey(c)
              && found.get(c).original()).map(ModelServerClient::address).collect(Collectors.joining(", ")),
          cfg.weights().isEmpty() ? "equal weights (give --server-weights to set them)" : "the weights given", String.join(", ", shown));
    } else {
      LOG.info("run {}: averaging with the given weights instead of row counts: {}", runId, String.join(", ", shown));
    }
    return new Weighing(w, !originals.isEmpty());
  }

  /** True when an original openLGD server takes part (no exact reference round, no validation from it). */
  boolean originals() {
    return originals;
  }

  /** The estimates of {@code who} with their weights in place of their row counts (unchanged by row weighing). */
  List<LocalEstimate> apply(List<ModelServerClient> who, List<LocalEstimate> replies) {
    if (weights.isEmpty()) {
      return replies;
    }
    List<LocalEstimate> out = new ArrayList<>(replies.size());
    for (int k = 0; k < replies.size(); k++) {
      LocalEstimate e = replies.get(k);
      out.add(new LocalEstimate(e.model(), weights.get(who.get(k)), e.epoch(), e.coefficients(), e.r(), e.score(),
          e.computeMs(), e.share()));
    }
    return out;
  }
}
