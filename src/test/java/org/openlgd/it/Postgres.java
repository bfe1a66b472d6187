package org.openlgd.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: a fresh cluster in a temporary folder (initdb), on a free loopback port, run as
 * the {@code postgres} user when the tests run as root, with TLS on (a self-signed certificate for 127.0.0.1); stopped (pg_ctl stop) and deleted on close. Needs Debian's
 * postgresql package (the binaries under /usr/lib/postgresql/N/bin).
 */
final class Postgres implements AutoCloseable {
  static final String USER = "openlgd";
  static final String PASSWORD = "s3cret-pg";

  private final Path dir;
  private final Path bin;
  private final int port;

  private Postgres(Path dir, Path bin, int port) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
  }

  /** The binaries' folder, or null when PostgreSQL is not installed. */
  static Path binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
          .max(Comparator.naturalOrder()).orElse(null);
    }
  }

  static Postgres start() throws Exception {
    Path bin = binaries();
    if (bin == null) {
      throw new IllegalStateException("PostgreSQL is not installed (apt-get install postgresql)");
    }
    Path dir = Files.createTempDirectory("openlgd-pg");
    Files.writeString(dir.resolve("pw"), PASSWORD);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Postgres pg = new Postgres(dir, bin, port);
    pg.certificate("server");
    pg.certificate("other");
    pg.run(List.of("chown", "-R", "postgres", dir.toString()), false);
    pg.run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
        "--auth=scram-sha-256", "--pwfile=" + dir.resolve("pw"), "-E", "UTF8"), true);
    pg.run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-l",
        dir.resolve("log").toString(), "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file="
        + dir.resolve("server.crt") + " -c ssl_key_file=" + dir.resolve("server.key"), "start"), true);
    return pg;
  }

  /** A self-signed certificate for 127.0.0.1 (NAME.crt, NAME.key): the server's, or another CA's for the tests. */
  private void certificate(String name) throws Exception {
    run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir.resolve(name + ".key").toString(), "-out",
        dir.resolve(name + ".crt").toString()), false);
    Files.setPosixFilePermissions(dir.resolve(name + ".key"), PosixFilePermissions.fromString("rw-------"));
  }

  /** The server's TLS certificate (self-signed: its own CA), or {@code other}'s, which did not sign it. */
  Path certificate(boolean server) {
    return dir.resolve((server ? "server" : "other") + ".crt");
  }

  /** A file in {@code dir} holding the password, as a model server's --db-password-file. */
  static Path passwordFile(Path dir) throws IOException {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, PASSWORD + "\n");
    return pw;
  }

  int port() {
    return port;
  }

  /** The URL a model server takes (the password comes separately). */
  String url(String database) {
    return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
  }

  /** Runs SQL (and psql meta-commands such as \copy) against {@code database}. */
  void sql(String database, String... statements) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p",
        Integer.toString(port), "-U", USER, "-d", database, "-v", "ON_ERROR_STOP=1"));
    for (String s : statements) {
      cmd.add("-c");
      cmd.add(s);
    }
    run(cmd, true);
  }

  /**
   * Loads a CSV file (with a header) into {@code table} of {@code database} through psql's standard input: the file is
   * read by this process, so the database's user needs no access to it.
   */
  void copy(String database, String table, Path csv) throws Exception {
    run(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, "-d",
        database, "-v", "ON_ERROR_STOP=1", "-c", "\\copy " + table + " FROM pstdin CSV HEADER"), true, csv);
  }

  /** Stops the server (fast), as a database outage would. */
  void stop() throws Exception {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"), true);
  }

  private void run(List<String> command, boolean asPostgres) throws Exception {
    run(command, asPostgres, null);
  }

  private void run(List<String> command, boolean asPostgres, Path input) throws Exception {
    List<String> cmd = new ArrayList<>();
    if (asPostgres && "root".equals(System.getProperty("user.name"))) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    if (input != null) {
      pb.redirectInput(input.toFile());
    }
    pb.environment().put("PGPASSWORD", PASSWORD);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      stop();
    } catch (IllegalStateException e) {
      // already stopped
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
