package org.openlgd.api;

import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openlgd.cli.Conf;

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

  /**
   * Reads {@code <prefix>-keystore}, {@code <prefix>-keystore-password[-file]}, {@code <prefix>-truststore} and
   * {@code <prefix>-truststore-password[-file]}; checks that the files exist.
   */
  public static Tls from(Conf conf, String context, String prefix) {
    String ks = conf.string(prefix + "-keystore", null);
    String ts = conf.string(prefix + "-truststore", null);
    String ksPw = conf.secret(prefix + "-keystore-password", prefix + "-keystore-password-file");
    String tsPw = conf.secret(prefix + "-truststore-password", prefix + "-truststore-password-file");
    for (String f : new String[] {ks, ts}) {
      if (f != null && !Files.isReadable(Path.of(f))) {
        throw new IllegalArgumentException(context + ": cannot read the key or trust store " + f);
      }
    }
    if ((ks != null && ksPw == null) || (ts != null && tsPw == null)) {
      throw new IllegalArgumentException(context + ": --" + prefix + "-keystore and --" + prefix
          + "-truststore need their password (--" + prefix + "-keystore-password, --" + prefix + "-truststore-password)");
    }
    return ks == null && ts == null ? NONE : new Tls(ks, ksPw, ts, tsPw);
  }

  /** True when any store is configured. */
  public boolean enabled() {
    return keyStore != null || trustStore != null;
  }

  /** True when a server with these settings requires client certificates. */
  public boolean mutual() {
    return keyStore != null && trustStore != null;
  }

  /** Makes an HTTP server serve HTTPS (with client certificates required when a trust store is set). */
  public HttpServerOptions applyTo(HttpServerOptions o) {
    if (keyStore == null) {
      if (trustStore != null) {
        throw new IllegalArgumentException("server: --tls-truststore needs --tls-keystore (the server's own certificate)");
      }
      return o;
    }
    o.setSsl(true).setKeyCertOptions(pfx(keyStore, keyStorePassword));
    if (trustStore != null) {
      o.setTrustOptions(pfx(trustStore, trustStorePassword)).setClientAuth(ClientAuth.REQUIRED);
    }
    return o;
  }

  /** Makes an HTTP client trust only the configured CAs and present its certificate, if any. */
  public <T extends HttpClientOptions> T applyTo(T o) {
    if (trustStore != null) {
      o.setTrustOptions(pfx(trustStore, trustStorePassword));
    }
    if (keyStore != null) {
      o.setKeyCertOptions(pfx(keyStore, keyStorePassword));
    }
    o.setVerifyHost(true);
    return o;
  }

  /** Encrypts the clustered event bus: every node presents its certificate and requires its peers'. */
  public EventBusOptions applyTo(EventBusOptions o) {
    if (!enabled()) {
      return o;
    }
    if (keyStore == null || trustStore == null) {
      throw new IllegalArgumentException("cluster: event-bus TLS needs both --cluster-tls-keystore and --cluster-tls-truststore");
    }
    return o.setSsl(true).setKeyCertOptions(pfx(keyStore, keyStorePassword))
        .setTrustOptions(pfx(trustStore, trustStorePassword)).setClientAuth(ClientAuth.REQUIRED);
  }

  private static PfxOptions pfx(String path, String password) {
    return new PfxOptions().setPath(path).setPassword(password);
  }

  @Override
  public String toString() {
    return "Tls[keyStore=" + keyStore + ", trustStore=" + trustStore + "]";
  }
}
