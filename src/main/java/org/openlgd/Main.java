package org.openlgd;

import org.openlgd.cli.Cli;

/** Entry point of {@code java -jar openlgd.jar <command> [options]}. */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    // Route Vert.x and Hazelcast logging through SLF4J (logback) before either is loaded.
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    System.setProperty("hazelcast.logging.type", "slf4j");
    // Netty's JFR events for its buffer allocators: registering them with the flight recorder took about 50 ms of
    // the first request of every process; -Dio.netty.jfr.enabled=true brings them back for a recording.
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    Preload.start();
    int code = Cli.run(args, System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }
}
