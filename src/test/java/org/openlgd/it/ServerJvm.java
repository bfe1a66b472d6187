package org.openlgd.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A model server (or a data node) in a JVM of its own, started from {@code target/openlgd.jar} on a loopback port,
 * that a test can stop with SIGTERM or SIGKILL, freeze with SIGSTOP and start again on the same port.
 * {@link #close()} kills it by PID (after SIGCONT, in case it was frozen).
 */
final class ServerJvm implements AutoCloseable {
  static final Path JAR = Path.of("target/openlgd.jar");
  final int id;
  final int port;
  final String data;
  final List<String> extra;
  private final String command;
  private final String readyPath;
  private final String readyText;
  private Process process;
  private int starts;

  ServerJvm(int id, String data, List<String> extra) throws IOException {
    this("server", id, data, extra, "/", "Hello", freePort());
  }

  /** A model server on a given port. */
  ServerJvm(int id, String data, int port) {
    this("server", id, data, List.of(), "/", "Hello", port);
  }

  private ServerJvm(String command, int id, String data, List<String> extra, String readyPath, String readyText, int port) {
    this.command = command;
    this.id = id;
    this.port = port;
    this.data = data;
    this.extra = List.copyOf(extra);
    this.readyPath = readyPath;
    this.readyText = readyText;
  }

  /** Model-server JVMs 1..n on the shipped banks, up and answering. */
  static List<ServerJvm> banks(int n) throws Exception {
    List<ServerJvm> out = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      out.add(new ServerJvm(k, "data/bank" + k + ".csv", List.of()).launch());
    }
    for (ServerJvm s : out) {
      s.awaitUp(60);
    }
    return out;
  }

  /** A data node serving {@code data} as an openNPL-style API. */
  static ServerJvm dataNode(int id, String data) throws IOException {
    return new ServerJvm("datanode", id, data, List.of(), "/api/npl_data/counterparties", "link", freePort());
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** Launches the JVM (does not wait for it to serve). */
  synchronized ServerJvm launch() throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: integration tests run after 'mvn package'");
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xmx128m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), command,
        "--port", Integer.toString(port), "--data", data));
    if (command.equals("server")) {
      cmd.addAll(List.of("--id", Integer.toString(id)));
    }
    cmd.addAll(extra);
    Path log = Path.of("target", "it-logs", command + "-" + port + "-" + (++starts) + ".log");
    Files.createDirectories(log.getParent());
    process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return this;
  }

  /** Waits until {@code GET /} answers, up to {@code seconds}. */
  ServerJvm awaitUp(int seconds) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server " + id + " exited with " + process.exitValue() + "; see target/it-logs");
      }
      if (answers()) {
        return this;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("server " + id + " did not come up within " + seconds + " s");
  }

  /** True when {@code GET /} on a loopback port answers with the greeting (any server, ours or the original's). */
  static boolean answers(int port) {
    return answers(port, "/", "Hello");
  }

  private boolean answers() {
    return answers(port, readyPath, readyText);
  }

  private static boolean answers(int port, String path, String text) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(2000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGTERM: the server shuts down gracefully. */
  void term() {
    process.destroy();
  }

  /** SIGKILL. */
  void kill() {
    process.destroyForcibly();
  }

  /** SIGSTOP: the process is frozen; the kernel still accepts connections, nothing answers. */
  void freeze() throws IOException, InterruptedException {
    signal("STOP");
  }

  void thaw() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String sig) throws IOException, InterruptedException {
    // bash's built-in kill: no dependence on a kill binary being installed
    new ProcessBuilder("bash", "-c", "kill -" + sig + " \"$1\"", "kill", Long.toString(process.pid())).inheritIO().start()
        .waitFor(5, TimeUnit.SECONDS);
  }

  /** Waits for the process to end. */
  void awaitExit(int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("server " + id + " (pid " + process.pid() + ") did not exit within " + seconds + " s");
    }
  }

  @Override
  public synchronized void close() throws Exception {
    if (process != null && process.isAlive()) {
      thaw();
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Ports handed out in this JVM: the system may offer a port again before the JVM given it has bound it. */
  private static final Set<Integer> GIVEN = new HashSet<>();

  static synchronized int freePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (GIVEN.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      }
    }
    throw new IOException("no free loopback port not handed out before, in 100 attempts");
  }
}
