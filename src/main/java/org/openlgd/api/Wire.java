package org.openlgd.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.stats.BetaRegression;
import org.openlgd.stats.ScoreStatistics;
import org.openlgd.stats.Validation;

/**
 * The JSON shapes of the model-server API, in one place, shared by the server and the coordinator.
 *
 * <p>Parameters travel as {@code {"intercept": a, "coefficient": b}} (the original openLGD shape, one feature) or
 * {@code {"intercept": a, "coefficients": {"<feature>": b, ...}}} (any number of features). Replies always carry
 * {@code intercept} and {@code coefficients}, plus {@code coefficient} when there is exactly one feature, so an
 * original openLGD client works unchanged.
 */
public final class Wire {
  public static final String HELLO_MESSAGE = "Hello Federated Credit Risk Models!";
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
  /** The round number within a run, sent with every request and echoed in every reply. */
  public static final String ROUND = "round";

  private Wire() {
  }

  /**
   * A request to {@code /update}: which model, which epoch, the posted parameters (intercept first), boundary rule,
   * and the run and round it belongs to ({@link RoundTag#NONE} when the caller sent none, as original clients do).
   */
  public record UpdateRequest(Model model, int epoch, double[] parameters, BetaRegression.Boundary boundary, RoundTag tag) {
  }

  /**
   * Which run and round of a coordinator a request belongs to. A server copies it into its reply, so the coordinator
   * can reject a reply meant for another round or another run instead of aggregating it.
   *
   * @param run   the run id (letters, digits, '-', '_', '.', ':'; at most 64), or null for none
   * @param round the round number, or -1 for none
   */
  public record RoundTag(String run, long round) {
    public static final RoundTag NONE = new RoundTag(null, -1);
    private static final java.util.regex.Pattern RUN_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Reads a tag from request fields (JSON values, or query-string text); either part may be absent. */
    public static RoundTag parse(Object run, Object round) {
      String r = null;
      if (run != null) {
        if (!(run instanceof String s) || !RUN_ID.matcher(s).matches()) {
          throw new BadRequestException("'run' must be 1 to 64 letters, digits or -_.:");
        }
        r = s;
      }
      long n = -1;
      if (round != null) {
        Object v = round;
        if (v instanceof String s) {
          try {
            v = Long.parseLong(s.trim());
          } catch (NumberFormatException e) {
            throw new BadRequestException("'round' must be a whole number from 0 to 1000000000");
          }
        }
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0
            || ((Number) v).longValue() > 1_000_000_000L) {
          throw new BadRequestException("'round' must be a whole number from 0 to 1000000000");
        }
        n = ((Number) v).longValue();
      }
      return r == null && n < 0 ? NONE : new RoundTag(r, n);
    }

    /** Puts the present parts into {@code out}; returns it. */
    public JsonObject putInto(JsonObject out) {
      if (run != null) {
        out.put(RUN, run);
      }
      if (round >= 0) {
        out.put(ROUND, round);
      }
      return out;
    }

    /**
     * Checks that a reply echoes this tag (coordinator side).
     *
     * @throws StaleReplyException when it names another run or round, or no round at all
     */
    public void checkEcho(JsonObject reply) {
      Object gotRun = reply.getValue(RUN);
      Object gotRound = reply.getValue(ROUND);
      if (gotRun == null && gotRound == null) {
        throw new StaleReplyException("the reply carries no run and round id (expected run " + run + " round " + round
            + "); it cannot be matched to this round", false);
      }
      if (run != null && !run.equals(gotRun)) {
        throw new StaleReplyException("rejected a reply for another run (" + gotRun + ", expected " + run + ")", true);
      }
      if (round >= 0 && !(gotRound instanceof Number g && g.longValue() == round)) {
        throw new StaleReplyException("rejected a stale reply for round " + gotRound + " (expected round " + round + ")", true);
      }
    }
  }

  /** A reply that does not belong to the round it answers. */
  public static final class StaleReplyException extends IllegalArgumentException {
    private final boolean retryable;

    public StaleReplyException(String message, boolean retryable) {
      super(message);
      this.retryable = retryable;
    }

    /** True for a reply of another round or run (asking again may get the right one); false for a server without tags. */
    public boolean retryable() {
      return retryable;
    }
  }

  /** The liveness reply of {@code GET /}. */
  public static JsonObject hello(String fromServer, int id, long n, String target, List<String> features, Model defaultModel) {
    JsonArray models = new JsonArray();
    for (Model m : Model.values()) {
      models.add(m.wireName());
    }
    return new JsonObject()
        .put("message", HELLO_MESSAGE)
        .put("from server", fromServer)
        .put("id", id)
        .put(N, n)
        .put("target", target)
        .put("features", new JsonArray(List.copyOf(features)))
        .put(MODEL, defaultModel.wireName())
        .put("models", models);
  }

  /** A server's reply to {@code /start} or {@code /update}. */
  public static JsonObject estimate(int serverId, LocalEstimate e, String target, List<String> features) {
    JsonObject out = new JsonObject();
    if (e.coefficients() != null) {
      putParameters(out, features, e.model().extraParameters(features), e.coefficients());
    }
    out.put(N, e.n()).put(MODEL, e.model().wireName()).put(EPOCH, e.epoch()).put("id", serverId);
    if (e.r() != null) {
      JsonArray cols = new JsonArray().add(INTERCEPT);
      features.forEach(cols::add);
      cols.add(target);
      out.put(COLUMNS, cols).put(R, matrix(e.r()));
    }
    if (e.score() != null) {
      ScoreStatistics s = e.score();
      out.put(SCORE, new JsonObject()
          .put("gradient", vector(s.gradient()))
          .put("information", matrix(s.information()))
          .put("meat", matrix(s.meat()))
          .put("deviance", s.deviance())
          .put("extra", vector(s.extra())));
      if (Double.isFinite(s.pearson())) {
        out.getJsonObject(SCORE).put("pearson", s.pearson());
      }
    }
    return out;
  }

  /** The body a coordinator posts to {@code /update}. */
  public static JsonObject updateBody(Model model, int epoch, List<String> features, double[] parameters,
                                      BetaRegression.Boundary boundary, RoundTag tag) {
    JsonObject out = new JsonObject();
    putParameters(out, features, model.extraParameters(features), parameters);
    return tag.putInto(out.put(MODEL, model.wireName()).put(EPOCH, epoch).put(BOUNDARY, boundary.wireName()));
  }

  /**
   * Puts intercept, coefficients by name, the scalar {@code coefficient} for a one-feature model, and any extra
   * parameters (e.g. beta regression's log precision) under their own names.
   */
  public static void putParameters(JsonObject out, List<String> features, List<String> extras, double[] parameters) {
    out.put(INTERCEPT, parameters[0]);
    if (features.size() == 1) {
      out.put(COEFFICIENT, parameters[1]);
    }
    JsonObject byName = new JsonObject();
    for (int j = 0; j < features.size(); j++) {
      byName.put(features.get(j), parameters[j + 1]);
    }
    out.put(COEFFICIENTS, byName);
    for (int j = 0; j < extras.size() && features.size() + 1 + j < parameters.length; j++) {
      out.put(extras.get(j), parameters[features.size() + 1 + j]);
    }
  }

  /** Validates an {@code /update} body against this server's features. */
  public static UpdateRequest parseUpdate(JsonObject body, List<String> features, Model defaultModel) {
    Model model = defaultModel;
    Object m = body.getValue(MODEL);
    if (m != null) {
      if (!(m instanceof String s)) {
        throw new BadRequestException("'model' must be a string, one of " + Model.names());
      }
      try {
        model = Model.parse(s);
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(e.getMessage());
      }
    }
    int epoch = 0;
    Object ep = body.getValue(EPOCH);
    if (ep != null) {
      if (!(ep instanceof Integer || ep instanceof Long) || ((Number) ep).longValue() < 0
          || ((Number) ep).longValue() > 1_000_000) {
        throw new BadRequestException("'epoch' must be a whole number from 0 to 1000000");
      }
      epoch = ((Number) ep).intValue();
    }
    BetaRegression.Boundary boundary = BetaRegression.Boundary.REFUSE;
    Object b = body.getValue(BOUNDARY);
    if (b != null) {
      try {
        boundary = BetaRegression.Boundary.parse(b instanceof String s ? s : "");
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("'boundary' must be refuse or exclude");
      }
    }
    RoundTag tag = RoundTag.parse(body.getValue(RUN), body.getValue(ROUND));
    return new UpdateRequest(model, epoch, parseParameters(body, features, model.extraParameters(features), "request"),
        boundary, tag);
  }

  /** Reads intercept and coefficients (either shape) in feature order, then the extra parameters by name. */
  public static double[] parseParameters(JsonObject body, List<String> features, List<String> extras, String what) {
    int p = features.size();
    double[] out = new double[p + 1 + extras.size()];
    for (int j = 0; j < extras.size(); j++) {
      if (!body.containsKey(extras.get(j))) {
        throw new BadRequestException(what + " lacks '" + extras.get(j) + "'");
      }
      out[p + 1 + j] = finite(body.getValue(extras.get(j)), extras.get(j));
    }
    if (!body.containsKey(INTERCEPT)) {
      throw new BadRequestException(what + " lacks 'intercept'");
    }
    out[0] = finite(body.getValue(INTERCEPT), INTERCEPT);
    Object byName = body.getValue(COEFFICIENTS);
    Object single = body.getValue(COEFFICIENT);
    if (byName != null) {
      if (byName instanceof JsonObject obj) {
        for (String key : obj.fieldNames()) {
          if (!features.contains(key)) {
            throw new BadRequestException("unknown feature '" + key + "' in 'coefficients'; this server's features are " + features);
          }
        }
        for (int j = 0; j < p; j++) {
          String f = features.get(j);
          if (!obj.containsKey(f)) {
            throw new BadRequestException("'coefficients' lacks feature '" + f + "'");
          }
          out[j + 1] = finite(obj.getValue(f), "coefficients." + f);
        }
      } else if (byName instanceof JsonArray arr) {
        fromArray(arr, out, COEFFICIENTS, p);
      } else {
        throw new BadRequestException("'coefficients' must be an object of numbers by feature name, or an array of " + p + " numbers");
      }
    } else if (single != null) {
      if (single instanceof JsonArray arr) {
        fromArray(arr, out, COEFFICIENT, p);
      } else if (p == 1) {
        out[1] = finite(single, COEFFICIENT);
      } else {
        throw new BadRequestException("this server has " + p + " features " + features
            + "; send 'coefficients' by name (or 'coefficient' as an array of " + p + " numbers)");
      }
    } else {
      throw new BadRequestException(what + " lacks 'coefficient' (one feature) or 'coefficients' (by feature name)");
    }
    return out;
  }

  private static void fromArray(JsonArray arr, double[] out, String key, int p) {
    if (arr.size() != p) {
      throw new BadRequestException("'" + key + "' has " + arr.size() + " entries, expected " + p);
    }
    for (int j = 0; j < p; j++) {
      out[j + 1] = finite(arr.getValue(j), key + "[" + j + "]");
    }
  }

  private static double finite(Object v, String name) {
    if (!(v instanceof Number num)) {
      throw new BadRequestException("'" + name + "' must be a number, got " + describe(v));
    }
    double d = num.doubleValue();
    if (!Double.isFinite(d)) {
      throw new BadRequestException("'" + name + "' must be a finite number");
    }
    return d;
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    if (v instanceof JsonObject || v instanceof Map) {
      return "an object";
    }
    if (v instanceof JsonArray || v instanceof List) {
      return "an array";
    }
    return v.getClass().getSimpleName();
  }

  /** Reads a server's estimate reply (coordinator side), checking it against the expected features. */
  public static LocalEstimate parseEstimate(JsonObject reply, Model expected, List<String> features) {
    Object m = reply.getValue(MODEL);
    Model model = expected;
    if (m instanceof String s) {
      model = Model.parse(s);
      if (model != expected) {
        throw new BadRequestException("server answered with model '" + s + "' but '" + expected + "' was asked for");
      }
    }
    Object nv = reply.getValue(N);
    if (!(nv instanceof Integer || nv instanceof Long) || ((Number) nv).longValue() <= 0) {
      throw new BadRequestException("reply lacks a positive row count 'n'");
    }
    long n = ((Number) nv).longValue();
    int epoch = reply.getValue(EPOCH) instanceof Number e ? e.intValue() : 0;
    double[] coefficients = reply.containsKey(INTERCEPT)
        ? parseParameters(reply, features, expected.extraParameters(features), "reply") : null;
    double[][] r = null;
    ScoreStatistics score = null;
    if (expected == Model.OLS) {
      r = readMatrix(reply.getValue(R), features.size() + 2, R);
    } else if (expected.iterative()) {
      if (!(reply.getValue(SCORE) instanceof JsonObject sc)) {
        throw new BadRequestException("reply lacks the score statistics 'score' needed by model '" + expected + "'");
      }
      int k = features.size() + 1 + expected.extraParameters(features).size();
      score = new ScoreStatistics(n, readVector(sc.getValue("gradient"), k, "score.gradient"),
          readMatrix(sc.getValue("information"), k, "score.information"), readMatrix(sc.getValue("meat"), k, "score.meat"),
          finite(sc.getValue("deviance"), "score.deviance"),
          sc.getValue("pearson") == null ? Double.NaN : finite(sc.getValue("pearson"), "score.pearson"),
          readExtra(sc.getValue("extra")));
    } else if (coefficients == null) {
      throw new BadRequestException("reply lacks 'intercept'");
    }
    double computeMs = reply.getValue("computeMs") instanceof Number c ? c.doubleValue() : Double.NaN;
    return new LocalEstimate(model, n, epoch, coefficients, r, score, computeMs);
  }

  private static double[] readExtra(Object v) {
    if (v == null) {
      return new double[0];
    }
    if (!(v instanceof JsonArray arr) || arr.size() > 64) {
      throw new BadRequestException("'score.extra' must be an array of at most 64 numbers");
    }
    return readVector(arr, arr.size(), "score.extra");
  }

  private static double[] readVector(Object v, int k, String name) {
    if (!(v instanceof JsonArray arr) || arr.size() != k) {
      throw new BadRequestException("'" + name + "' must be an array of " + k + " numbers");
    }
    double[] out = new double[k];
    for (int i = 0; i < k; i++) {
      out[i] = finite(arr.getValue(i), name + "[" + i + "]");
    }
    return out;
  }

  private static double[][] readMatrix(Object v, int k, String name) {
    if (!(v instanceof JsonArray rows) || rows.size() != k) {
      throw new BadRequestException("'" + name + "' must be a " + k + " x " + k + " array of numbers");
    }
    double[][] out = new double[k][];
    for (int i = 0; i < k; i++) {
      out[i] = readVector(rows.getValue(i), k, name + "[" + i + "]");
    }
    return out;
  }

  private static JsonArray vector(double[] v) {
    JsonArray out = new JsonArray();
    for (double d : v) {
      out.add(d);
    }
    return out;
  }

  private static JsonArray matrix(double[][] a) {
    JsonArray rows = new JsonArray();
    for (double[] row : a) {
      rows.add(vector(row));
    }
    return rows;
  }

  /** A server's validation reply: {@code {"id": .., "n": .., "validation": {sums and bucket table}}}. */
  public static JsonObject validation(int serverId, Validation.Sums s) {
    JsonArray table = new JsonArray();
    for (long[] row : s.table()) {
      JsonArray r = new JsonArray();
      for (long c : row) {
        r.add(c);
      }
      table.add(r);
    }
    return new JsonObject().put("id", serverId).put(N, s.n()).put("validation", new JsonObject()
        .put("n", s.n()).put("sumY", s.sumY()).put("sumY2", s.sumY2()).put("sumP", s.sumP()).put("sumE", s.sumE())
        .put("sumE2", s.sumE2()).put("sumAbsE", s.sumAbsE()).put("table", table));
  }

  /** Reads a validation reply (coordinator side). */
  public static Validation.Sums parseValidation(JsonObject reply) {
    if (!(reply.getValue("validation") instanceof JsonObject v)) {
      throw new BadRequestException("reply lacks 'validation'");
    }
    if (!(v.getValue("n") instanceof Integer || v.getValue("n") instanceof Long) || v.getLong("n") < 0) {
      throw new BadRequestException("'validation.n' must be a count");
    }
    if (!(v.getValue("table") instanceof JsonArray rows) || rows.size() != Validation.BUCKETS) {
      throw new BadRequestException("'validation.table' must be " + Validation.BUCKETS + " rows");
    }
    long[][] table = new long[Validation.BUCKETS][Validation.BUCKETS];
    for (int i = 0; i < Validation.BUCKETS; i++) {
      if (!(rows.getValue(i) instanceof JsonArray row) || row.size() != Validation.BUCKETS) {
        throw new BadRequestException("'validation.table' row " + i + " must hold " + Validation.BUCKETS + " counts");
      }
      for (int j = 0; j < Validation.BUCKETS; j++) {
        if (!(row.getValue(j) instanceof Integer || row.getValue(j) instanceof Long) || row.getLong(j) < 0) {
          throw new BadRequestException("'validation.table' entries must be counts");
        }
        table[i][j] = row.getLong(j);
      }
    }
    return new Validation.Sums(v.getLong("n"), finite(v.getValue("sumY"), "sumY"), finite(v.getValue("sumY2"), "sumY2"),
        finite(v.getValue("sumP"), "sumP"), finite(v.getValue("sumE"), "sumE"), finite(v.getValue("sumE2"), "sumE2"),
        finite(v.getValue("sumAbsE"), "sumAbsE"), table);
  }

  /** {@code {"error": message}}. */
  public static JsonObject error(String message) {
    return new JsonObject().put("error", message);
  }
}
