package org.openlgd.api;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.openlgd.model.Model;
import org.openlgd.stats.BetaRegression;

/**
 * The body of {@code POST /update} and {@code POST /validate} (and of their event-bus messages): the posted
 * parameters, optional {@code model}, {@code epoch} (which SGD epoch or Newton round; 0 from an original client),
 * {@code boundary}, and the round tag.
 */
public final class UpdateCodec {
  private UpdateCodec() {
  }

  /** A parsed update: model, epoch, parameters (intercept first), boundary rule, and the run and round. */
  public record UpdateRequest(Model model, int epoch, double[] parameters, BetaRegression.Boundary boundary, RoundTag tag) {
  }

  /** The body a coordinator posts. */
  public static JsonObject encode(Model model, int epoch, List<String> features, double[] parameters,
                                  BetaRegression.Boundary boundary, RoundTag tag) {
    JsonObject out = new JsonObject();
    ParametersCodec.put(out, features, model.extraParameters(features), parameters);
    return tag.putInto(out.put(Wire.MODEL, model.wireName()).put(Wire.EPOCH, epoch).put(Wire.BOUNDARY, boundary.wireName()));
  }

  /** Validates a body against this server's features; {@code defaultModel} when it names none. */
  public static UpdateRequest parse(JsonObject body, List<String> features, Model defaultModel) {
    Model model = defaultModel;
    Object m = body.getValue(Wire.MODEL);
    if (m != null) {
      if (!(m instanceof String s)) {
        throw new BadRequestException("'model' must be a string, one of " + Model.names());
      }
      model = StartCodec.model(s);
    }
    int epoch = 0;
    Object ep = body.getValue(Wire.EPOCH);
    if (ep != null) {
      if (!JsonValues.isWhole(ep) || ((Number) ep).longValue() < 0 || ((Number) ep).longValue() > 1_000_000) {
        throw new BadRequestException("'epoch' must be a whole number from 0 to 1000000");
      }
      epoch = ((Number) ep).intValue();
    }
    BetaRegression.Boundary boundary = BetaRegression.Boundary.REFUSE;
    Object b = body.getValue(Wire.BOUNDARY);
    if (b != null) {
      try {
        boundary = BetaRegression.Boundary.parse(b instanceof String s ? s : "");
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("'boundary' must be refuse or exclude");
      }
    }
    RoundTag tag = RoundTag.parse(body.getValue(Wire.RUN), body.getValue(Wire.ROUND));
    return new UpdateRequest(model, epoch, ParametersCodec.parse(body, features, model.extraParameters(features), "request"),
        boundary, tag);
  }
}
