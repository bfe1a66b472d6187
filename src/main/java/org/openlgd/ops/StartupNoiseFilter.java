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
 * and the start of the message; every other warning, of Hazelcast's included, passes. Installed by logback.xml.
 */
public final class StartupNoiseFilter extends TurboFilter {
  private record Noise(String logger, String message) {
  }

  private static final List<Noise> NOISE = List.of(
      // a member joined while others were still binding their ports (it took a port above seed + cluster size)
      new Noise("com.hazelcast.instance.impl.Node", "Config seed port is "),
      // a member got the partition table from the master before its own start had completed; it is sent again
      new Noise("com.hazelcast.internal.partition", "Ignoring received partition table, startup is not completed yet"));

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format == null || level == null || !level.isGreaterOrEqual(Level.WARN) || level.isGreaterOrEqual(Level.ERROR)) {
      return FilterReply.NEUTRAL;
    }
    for (Noise n : NOISE) {
      if (logger.getName().startsWith(n.logger()) && format.contains(n.message())) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }
}
