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
    int code = Cli.run(args, System.out, System.err);
    if (code >= 0) {
      System.exit(code);
    }
  }
}
