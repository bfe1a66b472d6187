package org.openlgd.cluster;

import com.hazelcast.config.ClasspathXmlConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.FileNotFoundException;
import org.openlgd.api.TlsSetup;
import org.openlgd.config.ClusterSettings;
import org.openlgd.ops.Ops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Vert.x, clustered through Hazelcast when asked. The Hazelcast config is, in order: {@code --cluster-config
 * FILE}; the file or classpath resource named by the {@code vertx.hazelcast.config} system property; the bundled
 * {@code cluster.xml} (TCP-IP join on 127.0.0.1 only, multicast and auto-detection off). {@code --cluster-name}
 * overrides the cluster name of whichever is used, {@code --cluster-port} its first port.
 */
public final class Clustering {
  private static final Logger LOG = LoggerFactory.getLogger(Clustering.class);

  private Clustering() {
  }

  public static Future<Vertx> start(ClusterSettings settings) {
    return start(settings, true);
  }

  /** As {@link #start(ClusterSettings)}; with metrics only when the process serves them ({@code metrics}). */
  public static Future<Vertx> start(ClusterSettings settings, boolean metrics) {
    if (!settings.enabled()) {
      return Future.succeededFuture(Ops.vertx(metrics));
    }
    Config config;
    try {
      config = hazelcastConfig(settings);
    } catch (RuntimeException | FileNotFoundException e) {
      return Future.failedFuture(new IllegalArgumentException("cannot read the cluster config: " + e.getMessage(), e));
    }
    EventBusOptions bus;
    try {
      bus = TlsSetup.eventBus(settings.tls(), new EventBusOptions().setHost(settings.host()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    LOG.info("joining Hazelcast cluster '{}' (event bus on {}{})", config.getClusterName(), settings.host(),
        bus.isSsl() ? ", TLS with client certificates" : "");
    VertxOptions options = new VertxOptions().setEventBusOptions(bus);
    return Ops.builder(options, metrics).withClusterManager(new HazelcastClusterManager(config)).buildClustered();
  }

  static Config hazelcastConfig(ClusterSettings settings) throws FileNotFoundException {
    Config config;
    if (settings.configFile() != null) {
      config = new FileSystemXmlConfig(settings.configFile());
    } else if (System.getProperty("vertx.hazelcast.config") != null) {
      config = ConfigUtil.loadConfig();
    } else {
      config = new ClasspathXmlConfig("cluster.xml");
    }
    if (settings.name() != null && !settings.name().isBlank()) {
      config.setClusterName(settings.name());
    }
    if (settings.port() > 0) {
      config.getNetworkConfig().setPort(settings.port());
    }
    return config;
  }
}
