package org.openlgd.api;

import io.vertx.core.json.JsonObject;

/**
 * The field names of the model-server API, shared by the server and the coordinator. Each message has its codec:
 * {@link HelloCodec}, {@link StartCodec}, {@link UpdateCodec}, {@link EstimateCodec}, {@link ValidationCodec}, with
 * {@link ParametersCodec} for the parameters and {@link RoundTag} for the run and round every message of a run carries.
 */
public final class Wire {
  public static final String INTERCEPT = "intercept";
  public static final String COEFFICIENT = "coefficient";
  public static final String COEFFICIENTS = "coefficients";
  public static final String MODEL = "model";
  public static final String EPOCH = "epoch";
  public static final String N = "n";
  public static final String R = "r";
  public static final String COLUMNS = "columns";
  public static final String SCORE = "score";
  public static final String BOUNDARY = "boundary";
  /** The coordinator's run id, sent with every request of a run and echoed in every reply. */
  public static final String RUN = "run";
  /** A round of a fit on one server's rows alone (a coordinator's meta-analysis); the server may refuse it. */
  public static final String LOCAL = "local";
  /** The round number within a run, sent with every request and echoed in every reply. */
  public static final String ROUND = "round";

  private Wire() {
  }

  /** {@code {"error": message}}: the body of every refusal. */
  public static JsonObject error(String message) {
    return new JsonObject().put("error", message);
  }
}
