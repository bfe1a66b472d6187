package org.openlgd.secure;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Long-term Ed25519 identity keys of model servers. A server signs its ephemeral key of a run with its identity key;
 * servers that pin each other's identity public keys ({@code --peer-keys}) check every participant's signature, so a
 * coordinator that substitutes an ephemeral key (to unmask one server's statistics) is detected and refused.
 */
public final class Identity {
  private Identity() {
  }

  /** A fresh Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available in this JVM", e);
    }
  }

  /** A private key from its base64 PKCS#8 text. */
  public static PrivateKey privateKey(String base64) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 PKCS#8 Ed25519 private key");
    }
  }

  /** A public key from its base64 X.509 text. */
  public static PublicKey publicKey(String base64) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key");
    }
  }

  /** What a server signs: the run, its id and its ephemeral public key. */
  static byte[] statement(String run, int id, byte[] ephemeralKey) {
    byte[] head = ("openlgd ephemeral key|" + run + "|" + id + "|").getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[head.length + ephemeralKey.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(ephemeralKey, 0, out, head.length, ephemeralKey.length);
    return out;
  }

  /** The signature of server {@code id}'s ephemeral key for {@code run}. */
  public static byte[] sign(PrivateKey identity, String run, int id, byte[] ephemeralKey) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(identity);
      s.update(statement(run, id, ephemeralKey));
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the identity key: " + e.getMessage(), e);
    }
  }

  /** True when {@code signature} is {@code identity}'s over server {@code id}'s ephemeral key for {@code run}. */
  public static boolean verify(PublicKey identity, String run, int id, byte[] ephemeralKey, byte[] signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(identity);
      s.update(statement(run, id, ephemeralKey));
      return signature != null && s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
