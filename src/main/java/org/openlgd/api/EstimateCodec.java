package org.openlgd.api;

import static org.openlgd.api.JsonValues.finite;
import static org.openlgd.api.JsonValues.matrix;
import static org.openlgd.api.JsonValues.readMatrix;
import static org.openlgd.api.JsonValues.readVector;
import static org.openlgd.api.JsonValues.vector;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;
import org.openlgd.model.LocalEstimate;
import org.openlgd.model.Model;
import org.openlgd.model.Share;
import org.openlgd.stats.ScoreStatistics;

/**
 * A server's reply to a start or an update: {@code n}, {@code model}, {@code epoch}, {@code id}, the parameters when
 * the server has them (see {@link ParametersCodec}), and what the model's family shares: the R factor of
 * {@code [1, X, y]} with its {@code columns} (least squares), or the score statistics {@code score} (the scoring
 * models).
 */
public final class EstimateCodec {
  private EstimateCodec() {
  }

  public static JsonObject encode(int serverId, LocalEstimate e, String target, List<String> features) {
    JsonObject out = new JsonObject();
    if (e.coefficients() != null) {
      ParametersCodec.put(out, features, e.model().extraParameters(features), e.coefficients());
    }
    out.put(Wire.N, e.n()).put(Wire.MODEL, e.model().wireName()).put(Wire.EPOCH, e.epoch()).put("id", serverId);
    if (e.r() != null) {
      JsonArray cols = new JsonArray().add(Wire.INTERCEPT);
      features.forEach(cols::add);
      cols.add(target);
      out.put(Wire.COLUMNS, cols).put(Wire.R, matrix(e.r()));
    }
    if (e.score() != null) {
      ScoreStatistics s = e.score();
      JsonObject score = new JsonObject().put("gradient", vector(s.gradient())).put("information", matrix(s.information()))
          .put("meat", matrix(s.meat())).put("deviance", s.deviance()).put("extra", vector(s.extra()));
      if (Double.isFinite(s.pearson())) {
        score.put("pearson", s.pearson());
      }
      out.put(Wire.SCORE, score);
    }
    return out;
  }

  /** A secure round's reply: the masked share in place of the statistics. */
  public static JsonObject encodeMasked(int serverId, LocalEstimate e, BigInteger[] masked) {
    return new JsonObject().put(Wire.N, e.n()).put(Wire.MODEL, e.model().wireName()).put(Wire.EPOCH, e.epoch())
        .put("id", serverId).put(SecureCodec.MASKED, SecureCodec.share(masked));
  }

  /** Reads a reply (coordinator side), checking it against the model asked for and the expected features. */
  public static LocalEstimate parse(JsonObject reply, Model expected, List<String> features) {
    Object m = reply.getValue(Wire.MODEL);
    if (m instanceof String s && StartCodec.model(s) != expected) {
      throw new BadRequestException("server answered with model '" + s + "' but '" + expected + "' was asked for");
    }
    Object nv = reply.getValue(Wire.N);
    if (!JsonValues.isWhole(nv) || ((Number) nv).longValue() <= 0) {
      throw new BadRequestException("reply lacks a positive row count 'n'");
    }
    long n = ((Number) nv).longValue();
    int epoch = reply.getValue(Wire.EPOCH) instanceof Number e ? e.intValue() : 0;
    double computeMs = reply.getValue("computeMs") instanceof Number c ? c.doubleValue() : Double.NaN;
    Share share = SecureCodec.share(reply);
    if (share != null) {
      return new LocalEstimate(expected, n, epoch, null, null, null, computeMs, share);
    }
    double[] coefficients = reply.containsKey(Wire.INTERCEPT)
        ? ParametersCodec.parse(reply, features, expected.extraParameters(features), "reply") : null;
    double[][] r = null;
    ScoreStatistics score = null;
    switch (expected.reply()) {
      case R_FACTOR -> r = readMatrix(reply.getValue(Wire.R), features.size() + 2, Wire.R);
      case SCORE -> score = score(reply, expected, n, features.size() + 1 + expected.extraParameters(features).size());
      case COEFFICIENTS -> {
        if (coefficients == null) {
          throw new BadRequestException("reply lacks 'intercept'");
        }
      }
    }
    return new LocalEstimate(expected, n, epoch, coefficients, r, score, computeMs);
  }

  private static ScoreStatistics score(JsonObject reply, Model expected, long n, int k) {
    if (!(reply.getValue(Wire.SCORE) instanceof JsonObject sc)) {
      throw new BadRequestException("reply lacks the score statistics 'score' needed by model '" + expected + "'");
    }
    return new ScoreStatistics(n, readVector(sc.getValue("gradient"), k, "score.gradient"),
        readMatrix(sc.getValue("information"), k, "score.information"), readMatrix(sc.getValue("meat"), k, "score.meat"),
        finite(sc.getValue("deviance"), "score.deviance"),
        sc.getValue("pearson") == null ? Double.NaN : finite(sc.getValue("pearson"), "score.pearson"),
        extra(sc.getValue("extra")));
  }

  private static double[] extra(Object v) {
    if (v == null) {
      return new double[0];
    }
    if (!(v instanceof JsonArray arr) || arr.size() > 64) {
      throw new BadRequestException("'score.extra' must be an array of at most 64 numbers");
    }
    return readVector(arr, arr.size(), "score.extra");
  }
}
