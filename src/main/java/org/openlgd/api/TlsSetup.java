package org.openlgd.api;

import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import org.openlgd.config.Tls;

/** Applies {@link Tls} settings to Vert.x servers, clients and the clustered event bus. */
public final class TlsSetup {
  private TlsSetup() {
  }

  /** Makes an HTTP server serve HTTPS (with client certificates required when a trust store is set). */
  public static HttpServerOptions server(Tls tls, HttpServerOptions o) {
    if (tls.keyStore() == null) {
      if (tls.trustStore() != null) {
        throw new IllegalArgumentException("server: --tls-truststore needs --tls-keystore (the server's own certificate)");
      }
      return o;
    }
    o.setSsl(true).setKeyCertOptions(pfx(tls.keyStore(), tls.keyStorePassword()));
    if (tls.trustStore() != null) {
      o.setTrustOptions(pfx(tls.trustStore(), tls.trustStorePassword())).setClientAuth(ClientAuth.REQUIRED);
    }
    return o;
  }

  /** Makes an HTTP client trust only the configured CAs and present its certificate, if any. */
  public static <T extends HttpClientOptions> T client(Tls tls, T o) {
    if (tls.trustStore() != null) {
      o.setTrustOptions(pfx(tls.trustStore(), tls.trustStorePassword()));
    }
    if (tls.keyStore() != null) {
      o.setKeyCertOptions(pfx(tls.keyStore(), tls.keyStorePassword()));
    }
    o.setVerifyHost(true);
    return o;
  }

  /** Encrypts the clustered event bus: every node presents its certificate and requires its peers'. */
  public static EventBusOptions eventBus(Tls tls, EventBusOptions o) {
    if (!tls.enabled()) {
      return o;
    }
    if (tls.keyStore() == null || tls.trustStore() == null) {
      throw new IllegalArgumentException("cluster: event-bus TLS needs both --cluster-tls-keystore and --cluster-tls-truststore");
    }
    return o.setSsl(true).setKeyCertOptions(pfx(tls.keyStore(), tls.keyStorePassword()))
        .setTrustOptions(pfx(tls.trustStore(), tls.trustStorePassword())).setClientAuth(ClientAuth.REQUIRED);
  }

  private static PfxOptions pfx(String path, String password) {
    return new PfxOptions().setPath(path).setPassword(password);
  }
}
