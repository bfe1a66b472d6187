package org.openlgd.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import picocli.CommandLine;

@DisplayName("The build step rewrites Java 5 class files (picocli, commons-math3) as linkable Java 8 ones")
class LinkableClassesTest {
  @TempDir
  Path dir;

  /** The jar a class of the test class path was loaded from (picocli's, commons-math3's, as published). */
  private static Path jarOf(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static Map<String, byte[]> classes(Path jar) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        if (e.getName().endsWith(".class") && !e.getName().contains("module-info")) {
          try (InputStream in = z.getInputStream(e)) {
            out.put(e.getName(), in.readAllBytes());
          }
        }
      }
    }
    return out;
  }

  /** {@code classes} of {@code jar}, each rewritten, the jar giving the class hierarchy. */
  private static Map<String, byte[]> upgraded(Path jar, Map<String, byte[]> classes) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (URLClassLoader hierarchy = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      classes.forEach((name, b) -> out.put(name, LinkableClasses.upgrade(b, hierarchy)));
    }
    return out;
  }

  /** Every instruction of every method, as text: what the rewrite must leave alone. */
  private static List<String> instructions(byte[] classFile) {
    List<String> out = new ArrayList<>();
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
        out.add("method " + name + desc);
        return new MethodVisitor(Opcodes.ASM9) {
          private final Map<Label, Integer> labels = new HashMap<>();

          private int label(Label l) {
            return labels.computeIfAbsent(l, k -> labels.size());
          }

          @Override
          public void visitInsn(int opcode) {
            out.add("insn " + opcode);
          }

          @Override
          public void visitIntInsn(int opcode, int operand) {
            out.add("int " + opcode + " " + operand);
          }

          @Override
          public void visitVarInsn(int opcode, int var) {
            out.add("var " + opcode + " " + var);
          }

          @Override
          public void visitTypeInsn(int opcode, String type) {
            out.add("type " + opcode + " " + type);
          }

          @Override
          public void visitFieldInsn(int opcode, String owner, String name, String desc) {
            out.add("field " + opcode + " " + owner + "." + name + desc);
          }

          @Override
          public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
            out.add("call " + opcode + " " + owner + "." + name + desc + " " + itf);
          }

          @Override
          public void visitInvokeDynamicInsn(String name, String desc, Handle bsm, Object... args) {
            out.add("indy " + name + desc);
          }

          @Override
          public void visitJumpInsn(int opcode, Label l) {
            out.add("jump " + opcode + " L" + label(l));
          }

          @Override
          public void visitLabel(Label l) {
            out.add("L" + label(l));
          }

          @Override
          public void visitLdcInsn(Object value) {
            out.add("ldc " + value);
          }

          @Override
          public void visitIincInsn(int var, int increment) {
            out.add("iinc " + var + " " + increment);
          }

          @Override
          public void visitTableSwitchInsn(int min, int max, Label dflt, Label... ls) {
            out.add("tableswitch " + min + " " + max + " " + ls.length);
          }

          @Override
          public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] ls) {
            out.add("lookupswitch " + keys.length);
          }

          @Override
          public void visitMultiANewArrayInsn(String desc, int dims) {
            out.add("multianewarray " + desc + " " + dims);
          }

          @Override
          public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            out.add("try " + type);
          }
        };
      }
    }, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
    return out;
  }

  /** A loader that defines the given classes itself (verified like any application class) and delegates the rest. */
  private static final class Isolated extends ClassLoader {
    private final Map<String, byte[]> bytes;

    Isolated(Map<String, byte[]> bytes) {
      super(ClassLoader.getPlatformClassLoader());
      this.bytes = bytes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      byte[] b = bytes.get(name.replace('.', '/') + ".class");
      if (b == null) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, b, 0, b.length);
    }
  }

  @Test
  @DisplayName("every picocli and commons-math3 class comes out as a Java 8 class file with its instructions unchanged, "
      + "and passes the JVM's verifier")
  void upgradedClassesVerify() throws Exception {
    for (Path jar : List.of(jarOf(CommandLine.class), jarOf(TDistribution.class))) {
      Map<String, byte[]> before = classes(jar);
      assertThat(before.values()).as("the published jar holds Java 5 class files")
          .allSatisfy(b -> assertThat(LinkableClasses.majorVersion(b)).isLessThan(LinkableClasses.FIRST_LINKABLE));
      Map<String, byte[]> after = upgraded(jar, before);
      Isolated loader = new Isolated(after);
      for (Map.Entry<String, byte[]> e : after.entrySet()) {
        assertThat(LinkableClasses.majorVersion(e.getValue())).as(e.getKey()).isEqualTo(52);
        assertThat(instructions(e.getValue())).as(e.getKey()).isEqualTo(instructions(before.get(e.getKey())));
        String name = e.getKey().substring(0, e.getKey().length() - ".class".length()).replace('/', '.');
        // initializing links the class: the split verifier checks its new frames (a VerifyError fails the test)
        Class<?> c = Class.forName(name, true, loader);
        assertThat(c.getClassLoader()).isSameAs(loader);
      }
    }
  }

  @Test
  @DisplayName("the rewritten classes still work: picocli parses a command line, commons-math3 gives Student's t")
  void upgradedClassesRun() throws Exception {
    Map<String, byte[]> all = new HashMap<>();
    for (Path jar : List.of(jarOf(CommandLine.class), jarOf(TDistribution.class))) {
      all.putAll(upgraded(jar, classes(jar)));
    }
    Isolated loader = new Isolated(all);
    // picocli's programmatic model, so that no annotation of the test's own (unrewritten) picocli is involved
    Class<?> specClass = loader.loadClass("picocli.CommandLine$Model$CommandSpec");
    Class<?> optionClass = loader.loadClass("picocli.CommandLine$Model$OptionSpec");
    Object spec = specClass.getMethod("create").invoke(null);
    Object builder = optionClass.getMethod("builder", String[].class).invoke(null, (Object) new String[] {"--epochs"});
    Method type = builder.getClass().getMethod("type", Class.class);
    type.setAccessible(true); // declared by a package-private superclass
    type.invoke(builder, int.class);
    Object option = builder.getClass().getMethod("build").invoke(builder);
    specClass.getMethod("addOption", optionClass).invoke(spec, option);
    Object cl = loader.loadClass("picocli.CommandLine").getConstructor(Object.class).newInstance(spec);
    cl.getClass().getMethod("parseArgs", String[].class).invoke(cl, (Object) new String[] {"--epochs", "12"});
    assertThat((Object) optionClass.getMethod("getValue").invoke(option)).isEqualTo(12);

    Object t = loader.loadClass("org.apache.commons.math3.distribution.TDistribution").getConstructor(double.class)
        .newInstance(10.0);
    double q = (double) t.getClass().getMethod("inverseCumulativeProbability", double.class).invoke(t, 0.975);
    // Student's t with 10 degrees of freedom, 97.5% quantile (tables: 2.228139)
    assertThat(q).isCloseTo(2.2281388519649385, offset(1e-9));
  }

  @Test
  @DisplayName("a jar is rewritten in place: old class files upgraded, every other entry kept byte for byte")
  void rewriteJar() throws Exception {
    Path jar = dir.resolve("app.jar");
    Path picocli = jarOf(CommandLine.class);
    byte[] range;
    try (ZipFile z = new ZipFile(picocli.toFile()); InputStream in = z.getInputStream(z.getEntry("picocli/CommandLine$Range.class"))) {
      range = in.readAllBytes();
    }
    byte[] modern = Files.readAllBytes(Path.of(LinkableClassesTest.class.getResource("LinkableClassesTest.class").toURI()));
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (Object[] e : new Object[][] {{"picocli/", new byte[0]}, {"picocli/CommandLine$Range.class", range},
          {"org/openlgd/ops/LinkableClassesTest.class", modern}, {"cluster.xml", "<hazelcast/>".getBytes(StandardCharsets.UTF_8)}}) {
        out.putNextEntry(new ZipEntry((String) e[0]));
        out.write((byte[]) e[1]);
        out.closeEntry();
      }
    }
    assertThat(LinkableClasses.rewrite(jar)).isEqualTo(1);
    Map<String, byte[]> after = classes(jar);
    assertThat(LinkableClasses.majorVersion(after.get("picocli/CommandLine$Range.class"))).isEqualTo(52);
    assertThat(after.get("org/openlgd/ops/LinkableClassesTest.class")).isEqualTo(modern);
    try (ZipFile z = new ZipFile(jar.toFile()); InputStream in = z.getInputStream(z.getEntry("cluster.xml"))) {
      assertThat(in.readAllBytes()).isEqualTo("<hazelcast/>".getBytes(StandardCharsets.UTF_8));
      assertThat(z.getEntry("picocli/")).isNotNull();
    }
    assertThat(LinkableClasses.rewrite(jar)).as("a second pass finds nothing left to do").isZero();
    assertThat(dir.resolve("app.jar.linkable.tmp")).doesNotExist();
  }
}
