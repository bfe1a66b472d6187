package org.openlgd.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** Reading and writing the numbers of the wire format, with messages that name the field at fault. */
public final class JsonValues {
  private JsonValues() {
  }

  /** A request body that must be one JSON object. */
  public static JsonObject object(Buffer body) {
    if (body == null || body.length() == 0) {
      throw new BadRequestException("the request body is empty; send a JSON object");
    }
    Object v;
    try {
      v = Json.decodeValue(body);
    } catch (DecodeException e) {
      String line = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw new BadRequestException("the request body is not valid JSON: "
          + (line.length() > 200 ? line.substring(0, 200) + "..." : line));
    }
    if (!(v instanceof JsonObject o)) {
      throw new BadRequestException("the request body must be a JSON object");
    }
    return o;
  }

  /** A finite number, or a {@link BadRequestException} naming {@code name}. */
  public static double finite(Object v, String name) {
    if (!(v instanceof Number num)) {
      throw new BadRequestException("'" + name + "' must be a number, got " + describe(v));
    }
    double d = num.doubleValue();
    if (!Double.isFinite(d)) {
      throw new BadRequestException("'" + name + "' must be a finite number");
    }
    return d;
  }

  /** True for a JSON integer. */
  public static boolean isWhole(Object v) {
    return v instanceof Integer || v instanceof Long;
  }

  static String describe(Object v) {
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

  public static double[] readVector(Object v, int k, String name) {
    if (!(v instanceof JsonArray arr) || arr.size() != k) {
      throw new BadRequestException("'" + name + "' must be an array of " + k + " numbers");
    }
    double[] out = new double[k];
    for (int i = 0; i < k; i++) {
      out[i] = finite(arr.getValue(i), name + "[" + i + "]");
    }
    return out;
  }

  public static double[][] readMatrix(Object v, int k, String name) {
    if (!(v instanceof JsonArray rows) || rows.size() != k) {
      throw new BadRequestException("'" + name + "' must be a " + k + " x " + k + " array of numbers");
    }
    double[][] out = new double[k][];
    for (int i = 0; i < k; i++) {
      out[i] = readVector(rows.getValue(i), k, name + "[" + i + "]");
    }
    return out;
  }

  public static JsonArray vector(double[] v) {
    JsonArray out = new JsonArray();
    for (double d : v) {
      out.add(d);
    }
    return out;
  }

  /** Counts as a JSON array. */
  public static JsonArray counts(long[] v) {
    JsonArray out = new JsonArray();
    for (long c : v) {
      out.add(c);
    }
    return out;
  }

  /** JSON has no NaN or infinity: a statistic that does not exist is null. */
  public static Double orNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  public static JsonArray matrix(double[][] a) {
    JsonArray rows = new JsonArray();
    for (double[] row : a) {
      rows.add(vector(row));
    }
    return rows;
  }
}
