package org.openlgd.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayName("Logging is set up in code, as the logback.xml it replaced was")
class LogSetupTest {
  @Test
  @DisplayName("found by logback itself: levels, the audit trail's own queue, the start-up noise filter")
  void configuredByLogback() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.openlgd.server.ModelServerVerticle").getEffectiveLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("com.hazelcast.cp.CPSubsystem").getLevel()).isEqualTo(Level.ERROR);
    assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
    Logger audit = context.getLogger("openlgd.audit");
    assertThat(audit.isAdditive()).isFalse();
    assertThat(audit.getAppender("AUDIT")).isInstanceOf(AsyncAppender.class);
    assertThat(context.getTurboFilterList()).anyMatch(f -> f instanceof StartupNoiseFilter);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNotNull();
  }
}
