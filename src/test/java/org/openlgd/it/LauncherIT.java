package org.openlgd.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openlgd.ops.JarStamp;
import org.openlgd.ops.LinkableClasses;

/**
 * The packaged jar and {@code bin/openlgd}, as a user runs them: the start-up archive is made on the first run and
 * used by the next, and it holds every class the command loaded (none skipped as unlinkable). Each process is bounded
 * in time and killed if it overruns.
 */
@DisplayName("bin/openlgd and the packaged jar")
class LauncherIT {
  @TempDir
  Path dir;

  private record Run(int code, String out, String err) {
  }

  private Run launcher(String... args) throws IOException, InterruptedException {
    return launcherWith("", args);
  }

  /** bin/openlgd ARGS with JAVA_OPTS set to {@code javaOpts} (none when empty). */
  private Run launcherWith(String javaOpts, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bin/openlgd"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OPENLGD_CACHE_DIR", dir.resolve("cache").toString());
    pb.environment().remove("JAVA_OPTS");
    if (!javaOpts.isEmpty()) {
      pb.environment().put("JAVA_OPTS", javaOpts);
    }
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("bin/openlgd " + String.join(" ", args) + " did not end within 120 s");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private List<Path> cache(String glob) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("cache"))) {
      return s.filter(f -> f.getFileSystem().getPathMatcher("glob:" + glob).matches(f.getFileName())).toList();
    }
  }

  @Test
  @DisplayName("every class file in the jar is Java 6 or later (linkable ahead of time), the build tool is not in it, "
      + "and the stamped digest matches the content")
  void jarHoldsLinkableClasses() throws IOException {
    List<String> old = new ArrayList<>();
    try (ZipFile z = new ZipFile(ServerJvm.JAR.toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        if (e.getName().endsWith(".class")) {
          try (InputStream in = z.getInputStream(e)) {
            if (LinkableClasses.majorVersion(in.readNBytes(8)) < 50) {
              old.add(e.getName());
            }
          }
        }
      }
      assertThat(z.getEntry("org/openlgd/ops/LinkableClasses.class")).isNull();
    }
    assertThat(old).isEmpty();
    assertThat(JarStamp.stamped(ServerJvm.JAR)).isEqualTo(JarStamp.digest(ServerJvm.JAR));
  }

  @Test
  @DisplayName("the first run makes the command's start-up archive with no class skipped, the second runs on it and "
      + "writes the same files, and so does a run with a -XX:CompileCommand option")
  void archiveMadeThenUsed() throws Exception {
    Run first = launcher("generate", "--out", dir.resolve("a").toString(), "--rows", "50");
    assertThat(first.code()).as(first.err()).isZero();
    List<Path> archives = cache("openlgd-java*-generate-*.{aot,jsa}");
    assertThat(archives).as("one archive for generate").hasSize(1);
    String log = Files.readString(Path.of(archives.get(0) + ".log"), StandardCharsets.UTF_8);
    assertThat(log).doesNotContain("Unlinked class").doesNotContain("Skipping picocli").doesNotContain("Skipping org/apache");
    long made = Files.getLastModifiedTime(archives.get(0)).toMillis();

    Run second = launcher("generate", "--out", dir.resolve("b").toString(), "--rows", "50");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(Files.getLastModifiedTime(archives.get(0)).toMillis()).as("not made again").isEqualTo(made);
    assertThat(cache("*.tmp*")).as("no recording left behind").isEmpty();
    Run jit = launcherWith("-XX:CompileCommand=quiet", "generate", "--out", dir.resolve("c").toString(), "--rows", "50");
    assertThat(jit.code()).as(jit.err()).isZero();
    assertThat(cache("openlgd-java*-generate-*.{aot,jsa}")).as("options that only steer the JIT share the archive")
        .containsExactlyElementsOf(archives);
    for (String f : List.of("bank1.csv", "truth.json")) {
      assertThat(Files.readString(dir.resolve("b").resolve(f))).isEqualTo(Files.readString(dir.resolve("a").resolve(f)));
    }
  }

  @Test
  @DisplayName("a command that fails at once (bad usage) prints its one-line message and nothing else, also while its "
      + "archive is being recorded (logging set up on the preload thread during shutdown once printed a stack trace)")
  void badUsageIsOneLine() throws Exception {
    for (int k = 0; k < 6; k++) {
      Run r = launcher("coordinator", "--servers", "x");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err().strip()).isEqualTo("openlgd coordinator: server address 'x' must start with http:// or https://");
    }
  }
}
