package org.openlgd.secure;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server's side of secure aggregation in one run: its ephemeral key pair, announced (and signed, with an identity
 * key) for the coordinator to relay; and the masking of each statistic vector it sends, against the participants the
 * round names. It checks the participant set first: at least {@value SecureRound#MIN_PARTICIPANTS} servers, itself
 * among them with its own key, and, when it pins its peers' identity keys, every key signed by its owner.
 */
public final class Masking {
  private final String run;
  private final int id;
  private final KeyPair ephemeral;
  private final byte[] announced;
  private final byte[] signature;
  private final Map<Integer, PublicKey> pinned;
  private final Map<String, byte[]> secrets = new ConcurrentHashMap<>();

  /**
   * @param identity the server's Ed25519 identity key, or null
   * @param pinned   its peers' identity public keys by server id; empty when it pins none
   */
  public Masking(String run, int id, PrivateKey identity, Map<Integer, PublicKey> pinned) {
    this.run = run;
    this.id = id;
    this.ephemeral = Masks.ephemeral();
    this.announced = ephemeral.getPublic().getEncoded();
    this.signature = identity == null ? null : Identity.sign(identity, run, id, announced);
    this.pinned = Map.copyOf(pinned);
  }

  /** What the server tells the coordinator to relay. */
  public Participant announcement() {
    return new Participant(id, announced.clone(), signature == null ? null : signature.clone());
  }

  /**
   * The encoded statistic vector with this server's masks added: plus the masks shared with participants after it in
   * the round's list, minus those shared with participants before it.
   *
   * @param statistic names the vector (the same name on every server), so different vectors get different masks
   */
  public BigInteger[] mask(BigInteger[] encoded, SecureRound spec, long round, String statistic) {
    int me = check(spec);
    BigInteger[] out = encoded.clone();
    List<Participant> all = spec.participants();
    for (int k = 0; k < all.size(); k++) {
      if (k == me) {
        continue;
      }
      Participant peer = all.get(k);
      byte[] secret = secrets.computeIfAbsent(Arrays.toString(peer.key()),
          x -> Masks.shared(ephemeral.getPrivate(), Masks.publicKey(peer.key())));
      BigInteger[] m = Masks.stream(secret, run, round, spec.attempt(), statistic, out.length);
      for (int i = 0; i < out.length; i++) {
        out[i] = k > me ? Ring.add(out[i], m[i]) : Ring.subtract(out[i], m[i]);
      }
    }
    return out;
  }

  /** This server's place in the participant list, after checking the list. */
  private int check(SecureRound spec) {
    List<Participant> all = spec.participants();
    if (all.size() < SecureRound.MIN_PARTICIPANTS) {
      throw new IllegalArgumentException("a secure round needs at least " + SecureRound.MIN_PARTICIPANTS
          + " participants (with " + all.size() + ", each would learn the others' statistics from the sum)");
    }
    Set<Integer> ids = new HashSet<>();
    int me = -1;
    for (int k = 0; k < all.size(); k++) {
      Participant p = all.get(k);
      if (!ids.add(p.id())) {
        throw new IllegalArgumentException("server " + p.id() + " is listed twice among the participants");
      }
      if (p.id() == id) {
        if (!Arrays.equals(p.key(), announced)) {
          throw new IllegalArgumentException("this server's own key was replaced in the participant list: refused");
        }
        me = k;
      } else if (!pinned.isEmpty()) {
        PublicKey owner = pinned.get(p.id());
        if (owner == null || !Identity.verify(owner, run, p.id(), p.key(), p.signature())) {
          throw new IllegalArgumentException("the key of participant server " + p.id() + " is not signed by its pinned "
              + "identity key (a substituted key?): refused");
        }
      }
    }
    if (me < 0) {
      throw new IllegalArgumentException("this server (id " + id + ") is not among the round's participants");
    }
    return me;
  }
}
