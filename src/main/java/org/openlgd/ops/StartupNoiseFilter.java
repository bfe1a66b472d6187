package org.openlgd.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.Marker;

/**
 * Drops the warnings Hazelcast prints when several members on one host start at the same moment, as the demo's
 * JVMs do, and which describe no fault: the cluster forms and works the same. Each entry is a logger name prefix
 * and the start of the message; every other warning, of Hazelcast's included, passes. Installed by {@link LogSetup}.
 */
public final class StartupNoiseFilter extends TurboFilter {
  /**
   * A logger name prefix, what the message holds (all of {@code message}), and what the exception's message holds
   * (null: any or none).
   */
  private record Noise(String logger, List<String> message, String cause) {
    Noise(String logger, String message) {
      this(logger, List.of(message), null);
    }

    Noise(String logger, String message, String cause) {
      this(logger, List.of(message), cause);
    }

    boolean matches(Logger l, String format, Throwable t) {
      return l.getName().startsWith(logger) && message.stream().allMatch(format::contains)
          && (cause == null || t != null && t.getMessage() != null && t.getMessage().contains(cause));
    }
  }

  private static final List<Noise> NOISE = List.of(
      // a member joined while others were still binding their ports (it took a port above seed + cluster size)
      new Noise("com.hazelcast.instance.impl.Node", "Config seed port is "),
      // a member got the partition table from the master before its own start had completed; it is sent again
      new Noise("com.hazelcast.internal.partition", "Ignoring received partition table, startup is not completed yet"),
      // a member list from the master reached a member still joining; the master sends it again once it has joined
      new Noise("com.hazelcast.internal.cluster", "because node is not joined!"),
      // a partition migration reached a member whose start had not completed; the master plans it again
      new Noise("com.hazelcast.internal.partition", "Failure while executing MigrationInfo",
          "Migration operation is received before startup is completed"),
      // the same race as the member itself reports it ...
      new Noise("com.hazelcast.internal.partition", "Migration operation is received before startup is completed"),
      // ... and as the master reports it: a first copy of a partition (no source yet) for the member that refused it
      new Noise("com.hazelcast.internal.partition", List.of("Migration failed: MigrationInfo{", "source=null,"), null));

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format == null || level == null || !level.isGreaterOrEqual(Level.WARN) || level.isGreaterOrEqual(Level.ERROR)) {
      return FilterReply.NEUTRAL;
    }
    for (Noise n : NOISE) {
      if (n.matches(logger, format, t)) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }
}
