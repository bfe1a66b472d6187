package org.openlgd.api;

import static org.openlgd.api.JsonValues.finite;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Model parameters on the wire: {@code {"intercept": a, "coefficient": b}} (the original openLGD shape, one feature)
 * or {@code {"intercept": a, "coefficients": {"<feature>": b, ...}}} (any number of features), then any extra
 * parameters (beta regression's log precision) under their own names. Written with both forms when there is one
 * feature, so that an original openLGD client works unchanged.
 */
public final class ParametersCodec {
  private ParametersCodec() {
  }

  /** Puts intercept, coefficients by name, the scalar {@code coefficient} for one feature, and the extras. */
  public static void put(JsonObject out, List<String> features, List<String> extras, double[] parameters) {
    out.put(Wire.INTERCEPT, parameters[0]);
    if (features.size() == 1) {
      out.put(Wire.COEFFICIENT, parameters[1]);
    }
    JsonObject byName = new JsonObject();
    for (int j = 0; j < features.size(); j++) {
      byName.put(features.get(j), parameters[j + 1]);
    }
    out.put(Wire.COEFFICIENTS, byName);
    for (int j = 0; j < extras.size() && features.size() + 1 + j < parameters.length; j++) {
      out.put(extras.get(j), parameters[features.size() + 1 + j]);
    }
  }

  /** Reads intercept and coefficients (either shape) in feature order, then the extra parameters by name. */
  public static double[] parse(JsonObject body, List<String> features, List<String> extras, String what) {
    int p = features.size();
    double[] out = new double[p + 1 + extras.size()];
    for (int j = 0; j < extras.size(); j++) {
      if (!body.containsKey(extras.get(j))) {
        throw new BadRequestException(what + " lacks '" + extras.get(j) + "'");
      }
      out[p + 1 + j] = finite(body.getValue(extras.get(j)), extras.get(j));
    }
    if (!body.containsKey(Wire.INTERCEPT)) {
      throw new BadRequestException(what + " lacks 'intercept'");
    }
    out[0] = finite(body.getValue(Wire.INTERCEPT), Wire.INTERCEPT);
    Object byName = body.getValue(Wire.COEFFICIENTS);
    Object single = body.getValue(Wire.COEFFICIENT);
    if (byName instanceof JsonObject obj) {
      fromObject(obj, out, features);
    } else if (byName instanceof JsonArray arr) {
      fromArray(arr, out, Wire.COEFFICIENTS, p);
    } else if (byName != null) {
      throw new BadRequestException("'coefficients' must be an object of numbers by feature name, or an array of " + p + " numbers");
    } else if (single instanceof JsonArray arr) {
      fromArray(arr, out, Wire.COEFFICIENT, p);
    } else if (single != null && p == 1) {
      out[1] = finite(single, Wire.COEFFICIENT);
    } else if (single != null) {
      throw new BadRequestException("this server has " + p + " features " + features
          + "; send 'coefficients' by name (or 'coefficient' as an array of " + p + " numbers)");
    } else {
      throw new BadRequestException(what + " lacks 'coefficient' (one feature) or 'coefficients' (by feature name)");
    }
    return out;
  }

  private static void fromObject(JsonObject obj, double[] out, List<String> features) {
    for (String key : obj.fieldNames()) {
      if (!features.contains(key)) {
        throw new BadRequestException("unknown feature '" + key + "' in 'coefficients'; this server's features are " + features);
      }
    }
    for (int j = 0; j < features.size(); j++) {
      String f = features.get(j);
      if (!obj.containsKey(f)) {
        throw new BadRequestException("'coefficients' lacks feature '" + f + "'");
      }
      out[j + 1] = finite(obj.getValue(f), "coefficients." + f);
    }
  }

  private static void fromArray(JsonArray arr, double[] out, String key, int p) {
    if (arr.size() != p) {
      throw new BadRequestException("'" + key + "' has " + arr.size() + " entries, expected " + p);
    }
    for (int j = 0; j < p; j++) {
      out[j + 1] = finite(arr.getValue(j), key + "[" + j + "]");
    }
  }
}
