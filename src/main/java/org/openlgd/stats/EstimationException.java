package org.openlgd.stats;

/**
 * A known condition under which an estimate cannot be made on the data at hand: a singular or rank-deficient matrix,
 * no rows, a value outside the model's support, statistics that are not finite at the parameters asked. A model
 * server answers it as 422 with this message; anything else thrown while estimating is a bug (500). It extends
 * {@link IllegalArgumentException} so that callers which report bad input report these too.
 */
public class EstimationException extends IllegalArgumentException {
  public EstimationException(String message) {
    super(message);
  }
}
