package dev.proximity.pve;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No type from an {@code internal} package appears in a public signature of the client's API. */
class PublicSurfaceTest {

  @Test
  void publicSignatures_useNoInternalTypes() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : classes()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        continue;
      }
      List<Executable> members = new ArrayList<>(List.of(c.getMethods()));
      members.addAll(List.of(c.getConstructors()));
      for (Executable m : members) {
        List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
        if (m instanceof Method method) {
          types.add(method.getGenericReturnType());
        }
        for (Type t : types) {
          if (t.getTypeName().contains(".internal.")) {
            leaks.add(c.getName() + "#" + m.getName() + " uses " + t.getTypeName());
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  private static List<Class<?>> classes() throws URISyntaxException, java.io.IOException, ClassNotFoundException {
    Path root = Path.of(PveClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> out = new ArrayList<>();
    for (String pkg : List.of("dev/proximity/pve", "dev/proximity/pve/model")) {
      try (Stream<Path> files = Files.list(root.resolve(pkg))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
          String name = pkg.replace('/', '.') + "." + f.getFileName().toString().replace(".class", "");
          out.add(Class.forName(name));
        }
      }
    }
    assertThat(out).hasSizeGreaterThan(30);
    return out;
  }
}
