package org.openlgd.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.openlgd.model.Share;
import org.openlgd.secure.Participant;
import org.openlgd.secure.Ring;
import org.openlgd.secure.SecureRound;

/**
 * The messages of secure aggregation. A key announcement, the reply to {@code POST /keys}: {@code {"id", "key",
 * "signature"}} (base64). A secure round's request carries {@code "secure": {"attempt": a, "participants": [{"id",
 * "key", "signature"}, ...]}}; its reply carries {@code "masked": ["<base64 of 32 bytes>", ...]} in place of the
 * statistics.
 */
public final class SecureCodec {
  public static final String SECURE = "secure";
  public static final String MASKED = "masked";
  private static final Base64.Encoder B64 = Base64.getEncoder();
  private static final Base64.Decoder UNB64 = Base64.getDecoder();

  private SecureCodec() {
  }

  public static JsonObject announcement(Participant p) {
    JsonObject o = new JsonObject().put("id", p.id()).put("key", B64.encodeToString(p.key()));
    return p.signature() == null ? o : o.put("signature", B64.encodeToString(p.signature()));
  }

  public static Participant participant(JsonObject o) {
    if (!JsonValues.isWhole(o.getValue("id")) || !(o.getValue("key") instanceof String key)) {
      throw new BadRequestException("a participant needs an 'id' and a base64 'key'");
    }
    Object sig = o.getValue("signature");
    if (sig != null && !(sig instanceof String)) {
      throw new BadRequestException("a participant's 'signature' must be base64 text");
    }
    try {
      return new Participant(o.getInteger("id"), UNB64.decode(key), sig == null ? null : UNB64.decode((String) sig));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("a participant's 'key' and 'signature' must be base64");
    }
  }

  public static JsonObject round(SecureRound spec) {
    JsonArray list = new JsonArray();
    spec.participants().forEach(p -> list.add(announcement(p)));
    return new JsonObject().put("attempt", spec.attempt()).put("participants", list);
  }

  /** The secure spec of a request, or null when it has none (a plain round). */
  public static SecureRound round(JsonObject request) {
    Object v = request.getValue(SECURE);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject o) || !JsonValues.isWhole(o.getValue("attempt"))
        || !(o.getValue("participants") instanceof JsonArray list) || list.size() > 10_000) {
      throw new BadRequestException("'secure' must be {\"attempt\": n, \"participants\": [{\"id\", \"key\", \"signature\"}, ...]}");
    }
    List<Participant> ps = new ArrayList<>();
    for (Object p : list) {
      if (!(p instanceof JsonObject po)) {
        throw new BadRequestException("every participant must be an object");
      }
      ps.add(participant(po));
    }
    return new SecureRound(o.getInteger("attempt"), ps);
  }

  public static JsonArray share(BigInteger[] masked) {
    JsonArray out = new JsonArray();
    for (BigInteger x : masked) {
      out.add(B64.encodeToString(Ring.toBytes(x)));
    }
    return out;
  }

  /** The masked share of a reply, or null when it has none (a plain reply). */
  public static Share share(JsonObject reply) {
    Object v = reply.getValue(MASKED);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonArray arr) || arr.size() > 1_000_000) {
      throw new BadRequestException("'masked' must be an array of base64 ring elements");
    }
    List<BigInteger> out = new ArrayList<>(arr.size());
    for (Object x : arr) {
      byte[] b;
      try {
        b = x instanceof String s ? UNB64.decode(s) : null;
      } catch (IllegalArgumentException e) {
        b = null;
      }
      if (b == null || b.length != 32) {
        throw new BadRequestException("every entry of 'masked' must be 32 bytes in base64");
      }
      out.add(Ring.fromBytes(b, 0));
    }
    return new Share(out);
  }
}
