package org.openlgd.model;

import java.util.ArrayList;
import java.util.List;
import org.openlgd.stats.BetaRegression.Boundary;
import org.openlgd.stats.Validation;

/**
 * A model family: what a server computes from its rows for a round, and the protocol by which a coordinator turns
 * the servers' answers into a fit. A new family is one class implementing this, plus its statistics in
 * {@code stats}; the models of {@link Model} name their family.
 */
public interface Family {
  /**
   * What a family is, in three facts.
   *
   * @param reply         what a server's answer to a start or an update carries
   * @param exact         the federated answer equals the pooled one; then every server must answer every round
   * @param lgdAsFraction LGD must lie in [0, 1]
   */
  record Traits(ReplyContent reply, boolean exact, boolean lgdAsFraction) {
  }

  Traits traits();

  /** The server's cold-start answer from its rows. */
  LocalEstimate start(LocalModel site, Model model, Boundary boundary);

  /** The server's answer at posted parameters (intercept first); {@code epoch} continues a schedule. */
  LocalEstimate update(LocalModel site, Model model, double[] parameters, int epoch, Boundary boundary);

  /** A new protocol for one fit of {@code model} on servers holding {@code features}. */
  Protocol protocol(Model model, FitSettings settings, List<String> features);

  /** The names of all parameters, in order: intercept, the features, then any extra ones. */
  default List<String> parameterNames(Model model, List<String> features) {
    List<String> out = new ArrayList<>();
    out.add("intercept");
    out.addAll(features);
    return out;
  }

  /**
   * The vector a server's answer adds to a round's sum: what the coordinator combines, in the clear or masked. Exact
   * least squares adds only the row count this way (its R factors are combined by {@link Aggregator#pooled}).
   */
  default double[] statistic(LocalEstimate e) {
    return new double[] {e.n()};
  }

  /** How entry {@code index} of {@link #statistic} is named in messages. */
  default String statisticName(LocalEstimate e, int index) {
    return index == 0 ? "n" : e.model() + " statistic " + index;
  }

  /** The models fitted in turn by a composite model (two-stage); empty for the others. */
  default List<Model> stages() {
    return List.of();
  }

  /** Validation sums of {@code model} at {@code theta} on the server's rows; linear predictions unless overridden. */
  default Validation.Sums validate(LocalModel site, Model model, double[] theta, Boundary boundary) {
    return Validation.sums(site.data(), i -> site.linearPredictor(theta, 0, i), i -> true);
  }
}
