package org.openlgd.config;

import io.vertx.core.json.JsonObject;

/**
 * Whether and how a JVM joins a Hazelcast cluster.
 *
 * @param enabled    join a cluster ({@code --cluster})
 * @param name       cluster name; clusters with different names never join each other ({@code --cluster-name})
 * @param configFile a Hazelcast XML config for real multi-host deployments ({@code --cluster-config}); null for the
 *                   bundled loopback-only {@code cluster.xml} (or the {@code vertx.hazelcast.config} system property)
 * @param host       the address this JVM's event bus listens on and advertises ({@code --cluster-host})
 * @param tls        TLS for the event bus between nodes: each node presents its certificate and requires its peers'
 * @param port       the Hazelcast port this member tries first ({@code --cluster-port}); 0 for the config's (5701)
 */
public record ClusterSettings(boolean enabled, String name, String configFile, String host, Tls tls, int port) {
  public ClusterSettings(boolean enabled, String name, String configFile, String host, Tls tls) {
    this(enabled, name, configFile, host, tls, 0);
  }

  public static final String DEFAULT_NAME = "openlgd";
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The settings of a JSON config keyed by option name (other keys are ignored). */
  public static ClusterSettings from(JsonObject json, String context) {
    return Options.bind(new ClusterOptions(), json, context).settings(context);
  }
}
