package org.openlgd.config;

import java.nio.file.Files;
import java.nio.file.Path;

/** Key and trust stores named by options: they must be readable and come with their passwords. */
final class Stores {
  private Stores() {
  }

  static Tls tls(String context, String prefix, String keyStore, String keyStorePassword, String trustStore,
                 String trustStorePassword) {
    for (String f : new String[] {keyStore, trustStore}) {
      if (f != null && !Files.isReadable(Path.of(f))) {
        throw new IllegalArgumentException(context + ": cannot read the key or trust store " + f);
      }
    }
    if ((keyStore != null && keyStorePassword == null) || (trustStore != null && trustStorePassword == null)) {
      throw new IllegalArgumentException(context + ": --" + prefix + "-keystore and --" + prefix
          + "-truststore need their password (--" + prefix + "-keystore-password, --" + prefix + "-truststore-password)");
    }
    return keyStore == null && trustStore == null ? Tls.NONE
        : new Tls(keyStore, keyStorePassword, trustStore, trustStorePassword);
  }
}
