package org.openlgd.api;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.openlgd.model.Model;
import org.openlgd.stats.BetaRegression;

/**
 * A cold-start request: {@code model}, {@code boundary} and the round tag, as the query parameters of
 * {@code GET /start} or the body of the event-bus {@code start} message.
 */
public final class StartCodec {
  private StartCodec() {
  }

  /** A parsed start: model (the server's default when none is named), boundary rule, and the run and round. */
  public record StartRequest(Model model, BetaRegression.Boundary boundary, RoundTag tag) {
  }

  /** The request's fields, in the order they are sent. */
  public static JsonObject encode(Model model, BetaRegression.Boundary boundary, RoundTag tag) {
    return tag.putInto(new JsonObject().put(Wire.MODEL, model.wireName()).put(Wire.BOUNDARY, boundary.wireName()));
  }

  /** The fields of a start sent as the query parameters of {@code GET /start}, as an object of strings. */
  public static JsonObject fromQuery(MultiMap query) {
    JsonObject q = new JsonObject();
    for (String k : List.of(Wire.MODEL, Wire.BOUNDARY, Wire.RUN, Wire.ROUND)) {
      String v = query.get(k);
      if (v != null) {
        q.put(k, v);
      }
    }
    return q;
  }

  /** Reads a start from its fields (strings from a query, or JSON values). */
  public static StartRequest parse(JsonObject req, Model defaultModel) {
    Object modelName = req.getValue(Wire.MODEL);
    Object boundaryName = req.getValue(Wire.BOUNDARY);
    if ((modelName != null && !(modelName instanceof String)) || (boundaryName != null && !(boundaryName instanceof String))) {
      throw new BadRequestException("'model' and 'boundary' must be strings");
    }
    RoundTag tag = RoundTag.parse(req.getValue(Wire.RUN), req.getValue(Wire.ROUND));
    Model model = modelName == null ? defaultModel : model((String) modelName);
    BetaRegression.Boundary boundary;
    try {
      boundary = boundaryName == null ? BetaRegression.Boundary.REFUSE : BetaRegression.Boundary.parse((String) boundaryName);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
    return new StartRequest(model, boundary, tag);
  }

  static Model model(String name) {
    try {
      return Model.parse(name);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(e.getMessage());
    }
  }
}
