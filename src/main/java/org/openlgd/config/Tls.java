package org.openlgd.config;

/**
 * TLS settings from PKCS#12 key and trust stores (as made by {@code scripts/make-test-ca.sh} or any CA).
 *
 * <ul>
 *   <li>A server with a key store serves HTTPS; with a trust store too it requires every client to present a
 *       certificate signed by a CA in it (mutual TLS) and refuses the handshake otherwise.</li>
 *   <li>A client trusts the CAs of its trust store (and nothing else) and, with a key store, presents its own
 *       certificate; host names are verified.</li>
 *   <li>The clustered event bus uses both stores on every node: each node is server and client.</li>
 * </ul>
 *
 * @param keyStore           PKCS#12 file with this side's key and certificate chain, or null
 * @param keyStorePassword   its password
 * @param trustStore         PKCS#12 file with the trusted CA certificates, or null
 * @param trustStorePassword its password
 */
public record Tls(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {
  public static final Tls NONE = new Tls(null, null, null, null);

  /** True when any store is configured. */
  public boolean enabled() {
    return keyStore != null || trustStore != null;
  }

  /** True when a server with these settings requires client certificates. */
  public boolean mutual() {
    return keyStore != null && trustStore != null;
  }

  @Override
  public String toString() {
    return "Tls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
  }
}
