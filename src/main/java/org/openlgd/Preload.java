package org.openlgd;

import io.vertx.core.json.JsonObject;
import org.slf4j.LoggerFactory;

/**
 * Start-up work done on a second thread while the main one parses the command line (a third of a short command's
 * time on a cold JVM): picocli's largest classes first (without a start-up archive they are read from the jar and
 * verified at every start; the main thread meanwhile reads the commands' annotations), then logging set up, the
 * JSON parser and the classes of Vert.x, Netty and the web client loaded and initialized. Nothing here has an effect a command could see, so it is safe to race: whichever thread gets to a
 * class first initializes it, and the other waits for it.
 */
final class Preload {
  /** In the order a command needs them: Vert.x and Netty starting, then an HTTP exchange, then the fault handling. */
  private static final String[] CLASSES = {
      "io.vertx.core.VertxOptions", "io.vertx.core.impl.VertxBootstrapImpl", "io.vertx.core.impl.VertxImpl",
      "io.vertx.core.file.impl.FileResolverImpl", "io.vertx.core.file.impl.FileSystemImpl",
      "io.vertx.core.impl.transports.NioTransport", "io.netty.channel.MultiThreadIoEventLoopGroup",
      "io.netty.channel.SingleThreadIoEventLoop", "io.netty.channel.nio.NioIoHandler",
      "io.netty.channel.socket.nio.NioSocketChannel", "io.netty.channel.DefaultChannelId",
      "io.netty.buffer.AdaptiveByteBufAllocator", "io.netty.buffer.PooledByteBufAllocator",
      "io.vertx.core.net.impl.NetClientImpl", "io.vertx.core.net.impl.ChannelProvider",
      "io.vertx.core.http.impl.HttpClientImpl", "io.vertx.core.http.impl.Http1xClientConnection",
      "io.vertx.core.http.impl.headers.HeadersMultiMap", "io.netty.handler.codec.http.HttpClientCodec",
      "io.netty.handler.codec.http.HttpObjectDecoder", "io.vertx.ext.web.client.WebClientOptions",
      "io.vertx.ext.web.client.impl.HttpContext", "io.vertx.ext.web.codec.impl.BodyCodecImpl",
      "io.vertx.circuitbreaker.impl.CircuitBreakerImpl"};

  private Preload() {
  }

  static void start() {
    Thread t = new Thread(Preload::run, "openlgd-preload");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    load("picocli.CommandLine", "picocli.CommandLine$Model$CommandSpec", "picocli.CommandLine$Model$OptionSpec",
        "picocli.CommandLine$Interpreter", "picocli.CommandLine$Help");
    LoggerFactory.getLogger(Preload.class);
    new JsonObject("{\"x\":0.5,\"y\":[1,2]}").encode();
    String.format("%.6f %s", 0.5, 0.25); // the reports' number formatting
    load(CLASSES);
  }

  private static void load(String... names) {
    ClassLoader loader = Preload.class.getClassLoader();
    for (String name : names) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // nothing lost: the class loads when a command needs it
      }
    }
  }
}
