package org.openlgd.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.openlgd.model.Model;

/**
 * The liveness reply of {@code GET /}: the original greeting and {@code "from server"}, plus what a coordinator needs
 * to know of the server (id, rows, target, features, default model, the models it offers).
 */
public final class HelloCodec {
  public static final String GREETING = "Hello Federated Credit Risk Models!";
  /** The fingerprint of every value a server loaded (its design's is {@code fingerprint}). */
  public static final String DATA_FINGERPRINT = "dataFingerprint";

  private HelloCodec() {
  }

  public static JsonObject encode(String fromServer, int id, long n, String target, List<String> features, Model defaultModel) {
    JsonArray models = new JsonArray();
    for (Model m : Model.values()) {
      models.add(m.wireName());
    }
    return new JsonObject().put("message", GREETING).put("from server", fromServer).put("id", id).put(Wire.N, n)
        .put("target", target).put("features", new JsonArray(List.copyOf(features))).put(Wire.MODEL, defaultModel.wireName())
        .put("models", models);
  }

  /**
   * Reads a liveness reply. The original openLGD's ({@code {"message": "Hello ...", "from server": ...}}, nothing of
   * its data) gives an {@link ServerInfo#original original} server; any other reply without the columns is refused.
   */
  public static ServerInfo parse(String url, JsonObject hello) {
    Object id = hello.getValue("id");
    Object n = hello.getValue(Wire.N);
    Object target = hello.getValue("target");
    Object features = hello.getValue("features");
    if (n == null && target == null && features == null && GREETING.equals(hello.getValue("message"))
        && hello.containsKey("from server")) {
      return ServerInfo.original(url);
    }
    if (!JsonValues.isWhole(n) || !(target instanceof String t) || !(features instanceof JsonArray fs)) {
      throw new BadRequestException("the liveness reply lacks 'n', 'target' or 'features'; is this an openlgd model server?");
    }
    List<String> names = new ArrayList<>();
    for (Object f : fs) {
      if (!(f instanceof String s)) {
        throw new BadRequestException("'features' must be a list of names");
      }
      names.add(s);
    }
    if (names.isEmpty()) {
      throw new BadRequestException("the server reports no features");
    }
    return new ServerInfo(url, id instanceof Number num ? num.intValue() : -1, ((Number) n).longValue(), t,
        List.copyOf(names), hello.getValue("fingerprint") instanceof String fp ? fp : null, false,
        hello.getValue(DATA_FINGERPRINT) instanceof String dfp ? dfp : null);
  }
}
