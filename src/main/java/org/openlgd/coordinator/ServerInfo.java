package org.openlgd.coordinator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.openlgd.api.BadRequestException;

/** What a model server says about itself in its liveness reply. */
public record ServerInfo(String url, int id, long n, String target, List<String> features, String fingerprint) {
  public ServerInfo(String url, int id, long n, String target, List<String> features) {
    this(url, id, n, target, features, null);
  }


  /** Reads the reply of {@code GET /}; a server that does not report its columns (an original openLGD server) is refused. */
  static ServerInfo fromHello(String url, JsonObject hello) {
    Object id = hello.getValue("id");
    Object n = hello.getValue("n");
    Object target = hello.getValue("target");
    Object features = hello.getValue("features");
    if (!(n instanceof Integer || n instanceof Long) || !(target instanceof String t) || !(features instanceof JsonArray fs)) {
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
    return new ServerInfo(url, id instanceof Number num ? num.intValue() : -1, ((Number) n).longValue(), t, List.copyOf(names),
        hello.getValue("fingerprint") instanceof String fp ? fp : null);
  }
}
