package org.openlgd.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Marker;

/**
 * Drops the warnings Hazelcast prints when several members on one host start at the same moment, as the demo's
 * JVMs do, and which describe no fault: the cluster forms and works the same. Each entry is a logger name prefix
 * and what the message holds; every other warning, of Hazelcast's included, passes. Some entries describe states that
 * are transient only while a cluster forms (a member not yet known to another, a migration refused and planned
 * again): those are dropped only in the first {@value #FORMING_SECONDS} s after logging was set up (the JVM's start),
 * and shown after that, when they may mean a real fault. Installed by {@link LogSetup}.
 */
public final class StartupNoiseFilter extends TurboFilter {
  /** How long after the JVM's start the cluster-forming warnings are taken as noise. */
  static final long FORMING_SECONDS = 60;

  /**
   * A logger name prefix, what the message holds, what the exception's message holds (null: any or none), and whether
   * it is noise only while the cluster forms.
   */
  private record Noise(String logger, String message, String cause, boolean whileForming) {
    Noise(String logger, String message) {
      this(logger, message, null, false);
    }

    Noise(String logger, String message, String cause) {
      this(logger, message, cause, false);
    }

    static Noise whileForming(String logger, String message) {
      return new Noise(logger, message, null, true);
    }

    boolean matches(Logger l, String format, Throwable t) {
      return l.getName().startsWith(logger) && format.contains(message)
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
      // ... and as the master reports it (it plans the migration again); while the cluster forms only
      Noise.whileForming("com.hazelcast.internal.partition", "Migration failed: MigrationInfo{"),
      // the master's partition state reached a member that did not yet list the master (it joins, then takes it) ...
      Noise.whileForming("com.hazelcast.internal.partition", "Not Member! this: "),
      // ... or that had not yet taken the master's latest member list
      Noise.whileForming("com.hazelcast.internal.partition", "Received completed migrations, but its sender doesn't seem to be master"));

  private final LongSupplier nanos;
  private final long started;

  public StartupNoiseFilter() {
    this(System::nanoTime);
  }

  /** With {@code nanos} as the clock (tests). */
  StartupNoiseFilter(LongSupplier nanos) {
    this.nanos = nanos;
    this.started = nanos.getAsLong();
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format == null || level == null || !level.isGreaterOrEqual(Level.WARN) || level.isGreaterOrEqual(Level.ERROR)) {
      return FilterReply.NEUTRAL;
    }
    boolean forming = nanos.getAsLong() - started < TimeUnit.SECONDS.toNanos(FORMING_SECONDS);
    for (Noise n : NOISE) {
      if ((forming || !n.whileForming()) && n.matches(logger, format, t)) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }
}
