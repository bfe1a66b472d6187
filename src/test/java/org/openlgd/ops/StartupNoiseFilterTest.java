package org.openlgd.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Hazelcast's start-up noise is dropped, nothing else")
class StartupNoiseFilterTest {
  private final LoggerContext context = new LoggerContext();
  private final StartupNoiseFilter filter = new StartupNoiseFilter();

  private FilterReply decide(String logger, Level level, String message) {
    return decide(logger, level, message, null);
  }

  private FilterReply decide(String logger, Level level, String message, Throwable t) {
    Logger l = context.getLogger(logger);
    return filter.decide(null, l, level, message, null, t);
  }

  @Test
  @DisplayName("the start-up race warnings are denied; other warnings, errors and loggers pass")
  void onlyTheKnownNoise() {
    String seed = "[127.0.0.1]:5705 [demo] [5.3.8] Config seed port is 5701 and cluster size is 3. Some of the ports seem occupied!";
    String table = "[127.0.0.1]:5702 [demo] [5.3.8] Ignoring received partition table, startup is not completed yet. Sender: x";
    assertThat(decide("com.hazelcast.instance.impl.Node", Level.WARN, seed)).isEqualTo(FilterReply.DENY);
    assertThat(decide("com.hazelcast.internal.partition.InternalPartitionService", Level.WARN, table))
        .isEqualTo(FilterReply.DENY);
    String migration = "[127.0.0.1]:5705 [demo] [5.3.8] Failure while executing MigrationInfo{uuid=9f14, partitionId=1}";
    String logger = "com.hazelcast.internal.partition.operation.MigrationRequestOperation";
    assertThat(decide(logger, Level.WARN, migration,
        new IllegalStateException("Migration operation is received before startup is completed. Sender: x")))
        .isEqualTo(FilterReply.DENY);
    assertThat(decide(logger, Level.WARN, migration, new IllegalStateException("Partition table is stale")))
        .as("another migration failure is shown").isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide(logger, Level.WARN, migration)).isEqualTo(FilterReply.NEUTRAL);
    String members = "[127.0.0.1]:5704 [demo] [5.3.8] Not updating members received from caller: [127.0.0.1]:5701 "
        + "because node is not joined! ";
    assertThat(decide("com.hazelcast.internal.cluster.ClusterService", Level.WARN, members)).isEqualTo(FilterReply.DENY);
    String early = "[127.0.0.1]:5703 [demo] [5.3.8] Migration operation is received before startup is completed. "
        + "Sender: [127.0.0.1]:5701";
    assertThat(decide("com.hazelcast.internal.partition.operation.MigrationOperation", Level.WARN, early))
        .isEqualTo(FilterReply.DENY);
    String failed = "[127.0.0.1]:5701 [demo] [5.3.8] Migration failed: MigrationInfo{uuid=9676, partitionId=60, "
        + "source=null, sourceCurrentReplicaIndex=-1, destination=[127.0.0.1]:5703 - 7777, status=ACTIVE}";
    String manager = "com.hazelcast.internal.partition.impl.MigrationManager";
    assertThat(decide(manager, Level.WARN, failed)).isEqualTo(FilterReply.DENY);
    assertThat(decide("com.hazelcast.instance.impl.Node", Level.WARN, "Node is already shutting down"))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("com.hazelcast.instance.impl.Node", Level.ERROR, seed)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("org.openlgd.coordinator.Circuits", Level.WARN, seed)).isEqualTo(FilterReply.NEUTRAL);
  }

  @Test
  @DisplayName("the cluster-forming warnings are dropped in the first minute only; after it they may mean a fault")
  void formingWarningsOnlyAtStart() {
    long[] now = {0};
    StartupNoiseFilter timed = new StartupNoiseFilter(() -> now[0]);
    Logger partition = context.getLogger("com.hazelcast.internal.partition.operation.PartitionStateOperation");
    Logger manager = context.getLogger("com.hazelcast.internal.partition.impl.MigrationManager");
    Logger service = context.getLogger("com.hazelcast.internal.partition.InternalPartitionService");
    String notMember = "[127.0.0.1]:5703 [demo] [5.3.8] com.hazelcast.spi.exception.CallerNotMemberException: Not Member! "
        + "this: [127.0.0.1]:5703, caller: [127.0.0.1]:5701, partitionId: -1";
    String moved = "[127.0.0.1]:5701 [demo] [5.3.8] Migration failed: MigrationInfo{uuid=2f0d, partitionId=9, "
        + "source=[127.0.0.1]:5704 - 49fd, destination=[127.0.0.1]:5705 - 7777}";
    String notMaster = "[127.0.0.1]:5703 [demo] [5.3.8] Received completed migrations, but its sender doesn't seem to be "
        + "master! => Sender: [127.0.0.1]:5701! (Ignore if master node has changed recently.)";
    String early = "[127.0.0.1]:5703 [demo] [5.3.8] Migration operation is received before startup is completed. "
        + "Sender: [127.0.0.1]:5701";
    now[0] = TimeUnit.SECONDS.toNanos(StartupNoiseFilter.FORMING_SECONDS - 1);
    assertThat(timed.decide(null, partition, Level.WARN, notMember, null, null)).isEqualTo(FilterReply.DENY);
    assertThat(timed.decide(null, manager, Level.WARN, moved, null, null)).isEqualTo(FilterReply.DENY);
    assertThat(timed.decide(null, service, Level.WARN, notMaster, null, null)).isEqualTo(FilterReply.DENY);
    now[0] = TimeUnit.SECONDS.toNanos(StartupNoiseFilter.FORMING_SECONDS + 1);
    assertThat(timed.decide(null, partition, Level.WARN, notMember, null, null)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(timed.decide(null, manager, Level.WARN, moved, null, null)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(timed.decide(null, service, Level.WARN, notMaster, null, null)).isEqualTo(FilterReply.NEUTRAL);
    assertThat(timed.decide(null, partition, Level.WARN, early, null, null))
        .as("a migration refused by a member still starting is noise at any time").isEqualTo(FilterReply.DENY);
  }
}
