package org.openlgd.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step (run by Maven on the fat jar, before {@link JarStamp}; not called at run time, and ASM is not in the
 * jar): rewrites the class files older than Java 6 (major version below 50: picocli's and commons-math3's, which are
 * built for Java 5) as Java 8 class files with stack map frames. The instructions stay as they are; only the version
 * and the frames (computed by ASM) change.
 *
 * <p>Why: the JDK 25 AOT cache that {@code bin/openlgd} makes can hold only classes it can link ahead of time, and it
 * skips every pre-Java-6 class ("Unlinked class not supported by AOTClassLinking"), so picocli was read from the jar
 * and verified by the old type-inferring verifier at every start: about 70 of the 500 ms of a coordinator run.
 */
public final class LinkableClasses {
  /** The oldest class file version the split verifier, and so the AOT cache's linking, accepts. */
  static final int FIRST_LINKABLE = 50;

  private LinkableClasses() {
  }

  /** {@code LinkableClasses JAR}: rewrites JAR's old class files in place and says how many there were. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: LinkableClasses JAR");
      System.exit(2);
    }
    Path jar = Path.of(args[0]);
    int n = rewrite(jar);
    System.out.println("LinkableClasses: " + n + " class files of " + jar + " rewritten as Java 8 class files");
  }

  /** Rewrites {@code jar} in place (through a temporary file next to it); returns the number of classes upgraded. */
  public static int rewrite(Path jar) throws IOException {
    Path tmp = jar.resolveSibling(jar.getFileName() + ".linkable.tmp");
    int n = 0;
    try (URLClassLoader hierarchy = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
         ZipFile in = new ZipFile(jar.toFile());
         OutputStream file = Files.newOutputStream(tmp);
         ZipOutputStream out = new ZipOutputStream(file)) {
      Enumeration<? extends ZipEntry> entries = in.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        byte[] bytes;
        try (InputStream s = in.getInputStream(e)) {
          bytes = s.readAllBytes();
        }
        if (e.getName().endsWith(".class") && majorVersion(bytes) < FIRST_LINKABLE) {
          bytes = upgrade(bytes, hierarchy);
          n++;
        }
        ZipEntry copy = new ZipEntry(e.getName());
        copy.setTime(e.getTime());
        out.putNextEntry(copy);
        out.write(bytes);
        out.closeEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
    return n;
  }

  /** The class file's major version (bytes 6 and 7). */
  public static int majorVersion(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  /**
   * The class as a Java 8 class file with frames; {@code hierarchy} loads (without initializing) the classes whose
   * common superclass a frame needs.
   */
  public static byte[] upgrade(byte[] classFile, ClassLoader hierarchy) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return hierarchy;
      }
    };
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    }, 0);
    return writer.toByteArray();
  }
}
