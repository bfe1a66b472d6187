package org.openlgd.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.config.ClusterSettings;
import org.openlgd.config.Tls;

@DisplayName("Cluster configuration")
class ClusteringTest {

  @Test
  @DisplayName("the bundled cluster.xml is loopback-only: TCP-IP on 127.0.0.1, no multicast, no auto-detection, no phone-home")
  void bundledConfigIsLoopbackOnly() throws Exception {
    Config c = Clustering.hazelcastConfig(new ClusterSettings(true, null, null, "127.0.0.1", Tls.NONE));
    assertThat(c.getClusterName()).isEqualTo("openlgd");
    assertThat(c.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
    assertThat(c.getNetworkConfig().getJoin().getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(c.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
    assertThat(c.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).hasSize(20)
        .allSatisfy(m -> assertThat(m).startsWith("127.0.0.1:57")).contains("127.0.0.1:5701", "127.0.0.1:5720");
    assertThat(c.getNetworkConfig().getPort()).isEqualTo(5701);
    assertThat(Clustering.hazelcastConfig(new ClusterSettings(true, null, null, "127.0.0.1", Tls.NONE, 5703))
        .getNetworkConfig().getPort()).as("--cluster-port").isEqualTo(5703);
    assertThat(c.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("127.0.0.1");
    assertThat(c.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(c.getMultiMapConfig("__vertx.subs").getBackupCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("--cluster-name overrides the name; --cluster-config reads a file of one's own")
  void overrides(@TempDir Path dir) throws Exception {
    assertThat(Clustering.hazelcastConfig(new ClusterSettings(true, "bank-federation", null, "127.0.0.1", Tls.NONE)).getClusterName())
        .isEqualTo("bank-federation");
    Path own = dir.resolve("hz.xml");
    Files.writeString(own, """
        <hazelcast xmlns="http://www.hazelcast.com/schema/config">
          <cluster-name>from-file</cluster-name>
          <network><join><multicast enabled="false"/><tcp-ip enabled="true"><member-list>
            <member>10.0.0.1</member><member>10.0.0.2</member></member-list></tcp-ip></join></network>
        </hazelcast>
        """);
    Config c = Clustering.hazelcastConfig(new ClusterSettings(true, null, own.toString(), "127.0.0.1", Tls.NONE));
    assertThat(c.getClusterName()).isEqualTo("from-file");
    assertThat(c.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(Clustering.hazelcastConfig(new ClusterSettings(true, "renamed", own.toString(), "127.0.0.1", Tls.NONE)).getClusterName())
        .isEqualTo("renamed");
  }

  @Test
  @DisplayName("settings come from the long option names")
  void settingsFromConfig() {
    ClusterSettings s = ClusterSettings.from(new JsonObject().put("cluster", true).put("cluster-name", "x")
        .put("cluster-config", "hz.xml"), "server");
    assertThat(s).isEqualTo(new ClusterSettings(true, "x", "hz.xml", "127.0.0.1", Tls.NONE));
    assertThat(ClusterSettings.from(new JsonObject(), "server").enabled()).isFalse();
  }
}
