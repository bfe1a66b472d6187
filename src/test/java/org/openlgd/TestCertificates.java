package org.openlgd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Throwaway CAs and certificates for tests, made by {@code scripts/make-test-ca.sh} under {@code target/test-certs}. */
public final class TestCertificates {
  private TestCertificates() {
  }

  /** Makes (once per directory name and JVM) a CA with certificates for {@code names}; returns its directory. */
  public static synchronized Path make(String dirName, String... names) throws Exception {
    Path dir = Path.of("target", "test-certs", dirName);
    if (Files.isRegularFile(dir.resolve("password")) && Arrays.stream(names).allMatch(n -> Files.exists(dir.resolve(n + ".p12")))
        && Files.getLastModifiedTime(dir.resolve("password")).toMillis() > System.currentTimeMillis() - TimeUnit.DAYS.toMillis(1)) {
      return dir;
    }
    List<String> cmd = new ArrayList<>(List.of("bash", "scripts/make-test-ca.sh", dir.toString()));
    cmd.addAll(List.of(names));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("make-test-ca.sh failed: " + out);
    }
    return dir;
  }
}
