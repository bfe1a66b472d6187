package org.openlgd.cluster;

import io.vertx.core.json.JsonObject;
import org.openlgd.api.Tls;
import org.openlgd.cli.Conf;

/**
 * Whether and how a JVM joins a Hazelcast cluster.
 *
 * @param enabled    join a cluster ({@code --cluster})
 * @param name       cluster name; clusters with different names never join each other ({@code --cluster-name})
 * @param configFile a Hazelcast XML config for real multi-host deployments ({@code --cluster-config}); null for the
 *                   bundled loopback-only {@code cluster.xml} (or the {@code vertx.hazelcast.config} system property)
 * @param host       the address this JVM's event bus listens on and advertises ({@code --cluster-host})
 * @param tls        TLS for the event bus between nodes ({@code --cluster-tls-keystore}, {@code
 *                   --cluster-tls-truststore}): each node presents its certificate and requires its peers'
 */
public record ClusterSettings(boolean enabled, String name, String configFile, String host, Tls tls) {
  public static final String DEFAULT_NAME = "openlgd";
  public static final String DEFAULT_HOST = "127.0.0.1";

  public static ClusterSettings from(JsonObject c, String context) {
    Conf conf = new Conf(c, context);
    return new ClusterSettings(conf.flag("cluster"), conf.string("cluster-name", null),
        conf.string("cluster-config", null), conf.string("cluster-host", DEFAULT_HOST), Tls.from(conf, context, "cluster-tls"));
  }
}
