package dev.proximity.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.ssh.internal.QuotedCommand;
import dev.proximity.ssh.internal.ShellQuoting;
import dev.proximity.ssh.internal.SshConnection;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shows by reading proximity-ssh's own bytecode that no string built from input reaches the remote
 * shell: only {@link SshConnection} sends SSH exec requests, each one with
 * {@code QuotedCommand.line()} as its argument, and only {@link ShellQuoting} creates a
 * {@link QuotedCommand}.
 */
class ArchitectureTest {
  private static final String SESSION = "net/schmizz/sshj/connection/channel/direct/Session";
  private static final String QUOTED = "dev/proximity/ssh/internal/QuotedCommand";
  private static final Path CLASSES = Path.of("target/classes");
  private static List<ClassFile> classes;

  @BeforeAll
  static void load() throws IOException {
    classes = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(CLASSES)) {
      for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".class"))::iterator) {
        try (InputStream in = Files.newInputStream(p)) {
          classes.add(ClassFile.parse(in));
        }
      }
    }
    assertThat(classes).extracting(c -> c.name).contains("dev/proximity/ssh/SshHostShells");
  }

  @Test
  void sessionExec_isCalledOnlyBySshConnection() {
    assertThat(referencing(SESSION, "exec")).containsExactly(
        "dev/proximity/ssh/internal/SshConnection");
    assertThat(referencing(SESSION, "startShell")).isEmpty();
    assertThat(referencing("net/schmizz/sshj/SSHClient", "startSession"))
        .containsExactly("dev/proximity/ssh/internal/SshConnection");
  }

  @Test
  void sessionExec_alwaysReceivesQuotedCommandLine() {
    ClassFile connection = find("dev/proximity/ssh/internal/SshConnection");
    int exec = connection.methodRef(SESSION, "exec");
    int line = connection.methodRef(QUOTED, "line");
    assertThat(exec).isPositive();
    assertThat(line).isPositive();
    int calls = 0;
    for (byte[] code : connection.codes) {
      for (int i = 3; i + 4 < code.length; i++) {
        boolean invokeExec = (code[i] & 0xff) == 0xb9 && u2(code, i + 1) == exec
            && code[i + 3] == 2 && code[i + 4] == 0;
        if (invokeExec) {
          calls++;
          assertThat((code[i - 3] & 0xff) == 0xb6 && u2(code, i - 2) == line)
              .as("Session.exec argument must be QuotedCommand.line() at offset %d", i)
              .isTrue();
        }
      }
    }
    assertThat(calls).as("exec call sites").isEqualTo(2);
  }

  @Test
  void quotedCommand_isCreatedOnlyByShellQuoting() {
    assertThat(referencing(QUOTED, "<init>"))
        .containsExactly("dev/proximity/ssh/internal/ShellQuoting");
    for (Constructor<?> c : QuotedCommand.class.getDeclaredConstructors()) {
      assertThat(Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers()))
          .as("QuotedCommand constructors are package-private").isFalse();
    }
    assertThat(Modifier.isFinal(QuotedCommand.class.getModifiers())).isTrue();
  }

  @Test
  void sshConnection_takesCommandsOnlyAsQuotedCommand() {
    for (Method m : SshConnection.class.getDeclaredMethods()) {
      if (m.getName().equals("run") || m.getName().equals("stream")) {
        assertThat(m.getParameterTypes()[0]).as(m.toString()).isEqualTo(QuotedCommand.class);
      }
    }
  }

  @Test
  void noLocalProcessesAreStarted() {
    assertThat(referencing("java/lang/ProcessBuilder", "<init>")).isEmpty();
    assertThat(referencing("java/lang/Runtime", "exec")).isEmpty();
  }

  private static List<String> referencing(String owner, String method) {
    List<String> result = new ArrayList<>();
    for (ClassFile c : classes) {
      if (c.methodRef(owner, method) > 0 && !c.name.equals(owner)) {
        result.add(c.name.replaceAll("\\$.*", ""));
      }
    }
    return result.stream().distinct().toList();
  }

  private static ClassFile find(String name) {
    return classes.stream().filter(c -> c.name.equals(name)).findFirst().orElseThrow();
  }

  private static int u2(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }

  /** Just enough of the class file format: constant pool references and method bytecode. */
  private static final class ClassFile {
    String name;
    final Map<Integer, Object[]> pool = new HashMap<>();
    final List<byte[]> codes = new ArrayList<>();

    static ClassFile parse(InputStream stream) throws IOException {
      DataInputStream in = new DataInputStream(stream);
      ClassFile cf = new ClassFile();
      in.readInt();
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> cf.pool.put(i, new Object[] {tag, in.readUTF()});
          case 3, 4 -> in.readInt();
          case 5, 6 -> {
            in.readLong();
            i++;
          }
          case 7, 8, 16, 19, 20 -> cf.pool.put(i, new Object[] {tag, in.readUnsignedShort()});
          case 9, 10, 11, 12, 17, 18 ->
              cf.pool.put(i, new Object[] {tag, in.readUnsignedShort(), in.readUnsignedShort()});
          case 15 -> {
            in.readUnsignedByte();
            in.readUnsignedShort();
          }
          default -> throw new IOException("unknown constant pool tag " + tag);
        }
      }
      in.readUnsignedShort();
      cf.name = cf.className((Integer) cf.pool.get(in.readUnsignedShort())[1]);
      in.readUnsignedShort();
      int interfaces = in.readUnsignedShort();
      for (int i = 0; i < interfaces; i++) {
        in.readUnsignedShort();
      }
      int fields = in.readUnsignedShort();
      for (int i = 0; i < fields; i++) {
        in.readUnsignedShort();
        in.readUnsignedShort();
        in.readUnsignedShort();
        skipAttributes(in, cf, false);
      }
      int methods = in.readUnsignedShort();
      for (int i = 0; i < methods; i++) {
        in.readUnsignedShort();
        in.readUnsignedShort();
        in.readUnsignedShort();
        skipAttributes(in, cf, true);
      }
      return cf;
    }

    private static void skipAttributes(DataInputStream in, ClassFile cf, boolean keepCode)
        throws IOException {
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        String attribute = cf.utf(in.readUnsignedShort());
        int length = in.readInt();
        byte[] info = in.readNBytes(length);
        if (keepCode && attribute.equals("Code")) {
          int codeLength = ((info[4] & 0xff) << 24) | ((info[5] & 0xff) << 16)
              | ((info[6] & 0xff) << 8) | (info[7] & 0xff);
          byte[] code = new byte[codeLength];
          System.arraycopy(info, 8, code, 0, codeLength);
          cf.codes.add(code);
        }
      }
    }

    String utf(int index) {
      return (String) pool.get(index)[1];
    }

    String className(int utfIndex) {
      return utf(utfIndex);
    }

    /** The constant pool index of a method reference, or -1. */
    int methodRef(String owner, String method) {
      for (Map.Entry<Integer, Object[]> e : pool.entrySet()) {
        Object[] entry = e.getValue();
        int tag = (Integer) entry[0];
        if (tag == 10 || tag == 11) {
          String refOwner = utf((Integer) pool.get((Integer) entry[1])[1]);
          String refName = utf((Integer) pool.get((Integer) entry[2])[1]);
          if (refOwner.equals(owner) && refName.equals(method)) {
            return e.getKey();
          }
        }
      }
      return -1;
    }
  }
}
