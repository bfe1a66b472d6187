package org.openlgd.config;

import picocli.CommandLine.Option;

/** HTTPS for a server, or the trust and client certificate of a coordinator: PKCS#12 key and trust stores. */
public final class TlsOptions {
  @Option(names = "--tls-keystore", paramLabel = "P12",
      description = "PKCS#12 key store: a server serves HTTPS with it; a coordinator presents its certificate (mutual TLS)")
  String keyStore;
  @Option(names = "--tls-keystore-password", paramLabel = "PW", description = "the key store's password")
  String keyStorePassword;
  @Option(names = "--tls-keystore-password-file", paramLabel = "FILE", description = "a file holding that password")
  String keyStorePasswordFile;
  @Option(names = "--tls-truststore", paramLabel = "P12",
      description = "PKCS#12 trust store: a server then requires client certificates from its CAs (mutual TLS); "
          + "a coordinator trusts only its CAs")
  String trustStore;
  @Option(names = "--tls-truststore-password", paramLabel = "PW", description = "the trust store's password")
  String trustStorePassword;
  @Option(names = "--tls-truststore-password-file", paramLabel = "FILE", description = "a file holding that password")
  String trustStorePasswordFile;

  Tls tls(String context) {
    return Stores.tls(context, "tls", keyStore, Check.secret(context, "tls-keystore-password", keyStorePassword, keyStorePasswordFile),
        trustStore, Check.secret(context, "tls-truststore-password", trustStorePassword, trustStorePasswordFile));
  }
}
