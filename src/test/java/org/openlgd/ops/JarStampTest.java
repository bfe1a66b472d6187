package org.openlgd.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The jar's content digest is stamped into its manifest at build time")
class JarStampTest {
  @TempDir
  Path dir;

  private Path jar(String name, String content) throws IOException {
    Path jar = dir.resolve(name);
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.openlgd.Main");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
      j.putNextEntry(new JarEntry("org/openlgd/A.class"));
      j.write(content.getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
      j.putNextEntry(new JarEntry("cluster.xml"));
      j.write("<hazelcast/>".getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    return jar;
  }

  @Test
  @DisplayName("stamping keeps the manifest's entries, reads back the same digest, and the digest follows the content")
  void stampAndVerify() throws IOException {
    Path a = jar("a.jar", "class A");
    assertThat(JarStamp.stamped(a)).isNull();
    String digest = JarStamp.stamp(a);
    assertThat(digest).matches("[0-9a-f]{64}");
    assertThat(JarStamp.stamped(a)).isEqualTo(digest);
    assertThat(JarStamp.digest(a)).as("the manifest is left out of the digest").isEqualTo(digest);
    try (JarFile f = new JarFile(a.toFile())) {
      assertThat(f.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("org.openlgd.Main");
    }
    assertThat(JarStamp.digest(jar("b.jar", "class A"))).as("same content, same digest").isEqualTo(digest);
    assertThat(JarStamp.digest(jar("c.jar", "class B"))).as("other content").isNotEqualTo(digest);
  }
}
