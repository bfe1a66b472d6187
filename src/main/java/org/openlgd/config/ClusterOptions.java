package org.openlgd.config;

import picocli.CommandLine.Option;

/** Joining a Hazelcast cluster, and mutual TLS on its event bus. */
public final class ClusterOptions {
  @Option(names = "--cluster",
      description = "join a Hazelcast cluster (Vert.x clustered event bus); a server then serves the event bus too")
  boolean cluster;
  @Option(names = "--cluster-name", paramLabel = "NAME",
      description = "clusters of different names never join each other (default: " + ClusterSettings.DEFAULT_NAME + ")")
  String name;
  @Option(names = "--cluster-config", paramLabel = "FILE",
      description = "a Hazelcast XML config of your own, e.g. listing the hosts of a multi-host federation "
          + "(default: the bundled loopback-only cluster.xml)")
  String configFile;
  @Option(names = "--cluster-host", paramLabel = "HOST", defaultValue = ClusterSettings.DEFAULT_HOST,
      description = "the address this JVM's event bus listens on and advertises")
  String host;
  @Option(names = "--cluster-port", paramLabel = "P",
      description = "the Hazelcast port this member tries first (default: the config's, 5701, then the next free one); "
          + "members started at the same moment on one host each take their own, as run.sh does")
  Integer port;
  @Option(names = "--cluster-tls-keystore", paramLabel = "P12", description = "event-bus TLS: this node's PKCS#12 key store")
  String keyStore;
  @Option(names = "--cluster-tls-keystore-password", paramLabel = "PW", description = "its password")
  String keyStorePassword;
  @Option(names = "--cluster-tls-keystore-password-file", paramLabel = "FILE", description = "a file holding that password")
  String keyStorePasswordFile;
  @Option(names = "--cluster-tls-truststore", paramLabel = "P12",
      description = "event-bus TLS: the CAs of the federation's nodes (both stores needed, on every node)")
  String trustStore;
  @Option(names = "--cluster-tls-truststore-password", paramLabel = "PW", description = "its password")
  String trustStorePassword;
  @Option(names = "--cluster-tls-truststore-password-file", paramLabel = "FILE", description = "a file holding that password")
  String trustStorePasswordFile;

  public ClusterSettings settings(String context) {
    Tls tls = Stores.tls(context, "cluster-tls", keyStore,
        Check.secret(context, "cluster-tls-keystore-password", keyStorePassword, keyStorePasswordFile), trustStore,
        Check.secret(context, "cluster-tls-truststore-password", trustStorePassword, trustStorePasswordFile));
    return new ClusterSettings(cluster, name, configFile, host, tls,
        port == null ? 0 : Check.range(context, "cluster-port", port, 1, 65535));
  }
}
