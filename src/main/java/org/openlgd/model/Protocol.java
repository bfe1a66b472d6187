package org.openlgd.model;

import java.util.List;
import org.openlgd.stats.BetaRegression.Boundary;

/**
 * The coordinator's side of one model family's fit, as a plain state machine: what each round asks the servers
 * ({@link #next}), what the coordinator makes of their replies ({@link #accept}, combining them only through an
 * {@link Aggregator}), and when it is done. The round engine drives it, whatever the transport; a protocol does no
 * I/O and is deterministic.
 */
public interface Protocol {
  /** The next round to ask the servers, or null when the fit is finished. */
  RoundRequest next();

  /**
   * Takes the replies to the round {@link #next} asked, from the servers that answered it.
   *
   * @return what the round made of them, for the run's history; null for a round outside it
   */
  RoundSummary accept(Replies replies, Aggregator aggregator);

  /** The finished fit, once {@link #next} has returned null. */
  Fit result();

  /**
   * One round's question.
   *
   * @param step       how the round is named in messages ("epoch 3", "fractional-logit round 2")
   * @param model      the model the servers compute
   * @param epoch      the epoch or round number sent with an update
   * @param parameters the parameters posted (intercept first), or null for a cold start
   * @param boundary   what beta regression does with LGD of 0 or 1
   */
  record RoundRequest(String step, Model model, int epoch, double[] parameters,
                      Boundary boundary) {
    public boolean start() {
      return parameters == null;
    }
  }

  /**
   * The replies to one round.
   *
   * @param estimates the answers of the servers that took part, in server order
   * @param asked     how many servers were asked
   */
  record Replies(List<LocalEstimate> estimates, int asked) {
    /** True when every server asked answered. */
    public boolean complete() {
      return estimates.size() == asked;
    }
  }

  /**
   * One round as the coordinator records it.
   *
   * @param epoch        the epoch (0 for a cold start) or scoring round
   * @param combined     the coordinator's parameters after the round: the average, the exact fit, or the point the
   *                     statistics were evaluated at
   * @param maxAbsChange the largest absolute change of a parameter since the previous round (NaN for a first round)
   * @param deviance     the pooled objective at {@code combined} (scoring models), else NaN
   */
  record RoundSummary(int epoch, double[] combined, double maxAbsChange, double deviance) {
  }
}
