package org.openlgd.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The digest that names the code of a fat jar: SHA-256 over every entry but the manifest (in name order: the name, a
 * zero byte, the length as 8 bytes, the bytes). A jar cannot hold the digest of its own bytes, so the build stamps this
 * one into the manifest ({@value #ATTRIBUTE}) right after packaging, and a run record reads it back instead of
 * hashing 30 MB on every run. {@code java -cp openlgd.jar org.openlgd.ops.JarStamp --verify openlgd.jar} recomputes it
 * and says whether the jar still holds what was built.
 */
public final class JarStamp {
  public static final String ATTRIBUTE = "Openlgd-Content-Sha256";
  private static final String MANIFEST = "/" + JarFile.MANIFEST_NAME;

  private JarStamp() {
  }

  /** The build step: {@code JarStamp JAR} stamps JAR; {@code JarStamp --verify JAR} exits 1 when it does not match. */
  public static void main(String[] args) throws IOException {
    boolean verify = args.length == 2 && args[0].equals("--verify");
    if (args.length != (verify ? 2 : 1)) {
      System.err.println("usage: JarStamp [--verify] JAR");
      System.exit(2);
    }
    Path jar = Path.of(args[verify ? 1 : 0]);
    if (verify) {
      String stamped = stamped(jar);
      String actual = digest(jar);
      System.out.println(jar + ": stamped " + stamped + ", computed " + actual);
      System.exit(actual.equals(stamped) ? 0 : 1);
    }
    stamp(jar);
  }

  /** Computes the digest of {@code jar} and writes it into its manifest. */
  public static String stamp(Path jar) throws IOException {
    String digest = digest(jar);
    try (FileSystem zip = FileSystems.newFileSystem(jar, Map.of())) {
      Path mf = zip.getPath(MANIFEST);
      Manifest manifest = new Manifest();
      if (Files.exists(mf)) {
        try (InputStream in = Files.newInputStream(mf)) {
          manifest.read(in);
        }
      } else {
        Files.createDirectories(mf.getParent());
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
      }
      manifest.getMainAttributes().putValue(ATTRIBUTE, digest);
      try (OutputStream out = Files.newOutputStream(mf)) {
        manifest.write(out);
      }
    }
    return digest;
  }

  /** The digest stamped into {@code jar}'s manifest, or null. */
  public static String stamped(Path jar) throws IOException {
    try (JarFile f = new JarFile(jar.toFile(), false)) {
      Manifest m = f.getManifest();
      return m == null ? null : m.getMainAttributes().getValue(ATTRIBUTE);
    }
  }

  /** The digest of {@code jar}'s entries, the manifest left out. */
  public static String digest(Path jar) throws IOException {
    MessageDigest md = sha256();
    try (FileSystem zip = FileSystems.newFileSystem(jar, Map.of())) {
      List<Path> files;
      try (Stream<Path> all = Files.walk(zip.getPath("/"))) {
        files = all.filter(Files::isRegularFile).filter(p -> !p.toString().equals(MANIFEST)).sorted().toList();
      }
      for (Path p : files) {
        byte[] bytes = Files.readAllBytes(p);
        md.update(p.toString().getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(ByteBuffer.allocate(Long.BYTES).putLong(bytes.length).array());
        md.update(bytes);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
