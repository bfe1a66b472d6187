package org.openlgd.ops;

import static org.slf4j.Logger.ROOT_LOGGER_NAME;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.hook.DefaultShutdownHook;
import ch.qos.logback.core.spi.ContextAwareBase;
import static org.slf4j.Logger.ROOT_LOGGER_NAME;

/**
 * openlgd's logging, set up in code: logback finds this class through {@code META-INF/services} before it would look
 * for a logback.xml, so that no XML is parsed at start-up (that parse was about a quarter of a second of every
 * command's cold start). {@code -Dlogback.configurationFile=F} still takes a file of one's own instead.
 *
 * <ul>
 *   <li>Everything goes to stderr, so that stdout carries only program output: the report, or the JSON result line.
 *   <li>{@code org.openlgd} logs at {@code -Dopenlgd.log.level} (INFO); everything else at WARN, with Vert.x's,
 *       Netty's and Hazelcast's noise below that dropped ({@link StartupNoiseFilter}; Hazelcast's "CP subsystem is
 *       off" and Micrometer's "gauge registered twice" are noise too, so those two loggers show errors only).
 *   <li>{@code openlgd.audit}, the model servers' audit trail (docs/trust.md, "Audit"), logs at
 *       {@code -Dopenlgd.audit.level} (INFO; OFF silences it) through a queue and a thread of its own, so that no
 *       event loop waits on the write; the queue is flushed when the JVM stops.
 * </ul>
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    StartupNoiseFilter noise = new StartupNoiseFilter();
    noise.setContext(context);
    noise.start();
    context.addTurboFilter(noise);

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();

    Logger root = context.getLogger(ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    context.getLogger("org.openlgd").setLevel(level("openlgd.log.level"));
    for (String quiet : new String[] {"io.vertx", "io.netty", "com.hazelcast"}) {
      context.getLogger(quiet).setLevel(Level.WARN);
    }
    context.getLogger("com.hazelcast.cp.CPSubsystem").setLevel(Level.ERROR);
    context.getLogger("io.micrometer.core.instrument.MeterRegistry").setLevel(Level.ERROR);
    // parso logs what it cannot parse (with stack traces) and goes on; SasSource reports the file's failure itself
    context.getLogger("com.epam.parso").setLevel(Level.OFF);

    AsyncAppender audit = new AsyncAppender();
    audit.setContext(context);
    audit.setName("AUDIT");
    audit.setQueueSize(8192);
    audit.setDiscardingThreshold(0);
    audit.addAppender(stderr);
    audit.start();
    Logger auditLogger = context.getLogger("openlgd.audit");
    auditLogger.setLevel(level("openlgd.audit.level"));
    auditLogger.setAdditive(false);
    auditLogger.addAppender(audit);

    DefaultShutdownHook flush = new DefaultShutdownHook();
    flush.setContext(context);
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(flush, "openlgd-log-flush"));
    } catch (IllegalStateException shuttingDown) {
      // a command that failed at once (bad usage) exits while the preload thread sets up logging; nothing has been
      // logged through the queue yet, so there is nothing for the hook to flush
    }
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static Level level(String property) {
    return Level.toLevel(System.getProperty(property), Level.INFO);
  }
}
