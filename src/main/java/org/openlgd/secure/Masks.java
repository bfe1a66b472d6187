package org.openlgd.secure;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pairwise masks of secure aggregation (Bonawitz et al. 2017, without dropout recovery), from the JDK's
 * primitives: an ephemeral X25519 key pair per server and run; for each pair of servers their X25519 shared secret,
 * expanded by HKDF-SHA256 (RFC 5869; salt the run id, info the round, attempt and statistic) into a ChaCha20 key
 * whose key stream gives one 256-bit mask per value. Both servers of a pair derive the same masks; one adds them, the
 * other subtracts them, so they cancel in the sum.
 */
public final class Masks {
  private static final byte[] NONCE = new byte[12];

  private Masks() {
  }

  /** A fresh X25519 key pair. */
  public static KeyPair ephemeral() {
    try {
      return KeyPairGenerator.getInstance("X25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is not available in this JVM", e);
    }
  }

  /** A public key from its X.509 encoding; a {@link IllegalArgumentException} when it is not an X25519 key. */
  public static PublicKey publicKey(byte[] encoded) {
    try {
      return KeyFactory.getInstance("XDH").generatePublic(new X509EncodedKeySpec(encoded));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not an X25519 public key");
    }
  }

  /** The X25519 shared secret of {@code mine} and {@code theirs}. */
  public static byte[] shared(PrivateKey mine, PublicKey theirs) {
    try {
      KeyAgreement ka = KeyAgreement.getInstance("XDH");
      ka.init(mine);
      ka.doPhase(theirs, true);
      return ka.generateSecret();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("no shared secret with that key: " + e.getMessage(), e);
    }
  }

  /**
   * {@code count} masks from a pair's shared secret, for one statistic of one attempt of one round of a run.
   */
  public static BigInteger[] stream(byte[] secret, String run, long round, int attempt, String statistic, int count) {
    byte[] key = hkdf(secret, run.getBytes(StandardCharsets.UTF_8),
        ("openlgd secure aggregation|" + round + "|" + attempt + "|" + statistic).getBytes(StandardCharsets.UTF_8));
    try {
      Cipher c = Cipher.getInstance("ChaCha20");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(NONCE, 0));
      byte[] stream = c.doFinal(new byte[32 * count]);
      BigInteger[] out = new BigInteger[count];
      for (int i = 0; i < count; i++) {
        out[i] = Ring.fromBytes(stream, 32 * i);
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20 is not available in this JVM", e);
    }
  }

  /** HKDF-SHA256 with a 32-byte output: extract with {@code salt}, expand with {@code info}. */
  static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
      byte[] prk = mac.doFinal(ikm);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      mac.update(info);
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
    }
  }
}
