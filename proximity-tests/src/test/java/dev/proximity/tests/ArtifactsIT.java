package dev.proximity.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proximity.Proximity;
import dev.proximity.catalog.Catalogs;
import dev.proximity.scheduler.AutoPilot;
import dev.proximity.ssh.SshHostShells;
import dev.proximity.testkit.PveSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the published library artifacts: each library jar's manifest carries
 * {@code Automatic-Module-Name} equal to the module's root package and an
 * {@code Implementation-Version}, and a sources jar and a javadoc jar sit beside it.
 *
 * <p>Runs in the integration-test phase (failsafe), after the reactor has packaged the library
 * modules, so the classes below are loaded from their jars. When they come from class directories
 * instead (an IDE, {@code mvn test}), the checks are skipped.
 */
class ArtifactsIT {

  static Stream<Arguments> libraries() {
    return Stream.of(
        Arguments.of("proximity-core", Proximity.class, "dev.proximity"),
        Arguments.of("proximity-ssh", SshHostShells.class, "dev.proximity.ssh"),
        Arguments.of("proximity-catalog", Catalogs.class, "dev.proximity.catalog"),
        Arguments.of("proximity-scheduler", AutoPilot.class, "dev.proximity.scheduler"),
        Arguments.of("proximity-testkit", PveSimulator.class, "dev.proximity.testkit"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("libraries")
  void jarCarriesModuleNameAndVersionAndHasSourcesAndJavadoc(String artifactId, Class<?> marker,
      String rootPackage) throws Exception {
    Path jar = jarOf(marker);
    assumeTrue(jar != null, artifactId + " is loaded from a class directory, not a jar");
    Attributes main = manifest(jar);
    assertThat(main.getValue("Automatic-Module-Name")).as(artifactId + " Automatic-Module-Name")
        .isEqualTo(rootPackage);
    assertThat(main.getValue("Implementation-Version")).as(artifactId + " Implementation-Version")
        .matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    String name = jar.getFileName().toString();
    String base = name.substring(0, name.length() - ".jar".length());
    assertThat(base).startsWith(artifactId + "-");
    assertThat(jar.resolveSibling(base + "-sources.jar")).as(artifactId + " sources jar").isRegularFile();
    assertThat(jar.resolveSibling(base + "-javadoc.jar")).as(artifactId + " javadoc jar").isRegularFile();
  }

  @Test
  void allLibrariesShareOneVersion() throws Exception {
    Set<String> versions = new HashSet<>();
    for (Class<?> marker : new Class<?>[] {Proximity.class, SshHostShells.class, Catalogs.class,
        AutoPilot.class, PveSimulator.class}) {
      Path jar = jarOf(marker);
      assumeTrue(jar != null, marker.getName() + " is loaded from a class directory, not a jar");
      versions.add(manifest(jar).getValue("Implementation-Version"));
    }
    assertThat(versions).hasSize(1);
  }

  private static Path jarOf(Class<?> marker) throws Exception {
    Path location = Path.of(marker.getProtectionDomain().getCodeSource().getLocation().toURI());
    return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? location : null;
  }

  private static Attributes manifest(Path jar) throws IOException {
    try (JarFile jf = new JarFile(jar.toFile())) {
      assertThat(jf.getManifest()).as("manifest of " + jar).isNotNull();
      return jf.getManifest().getMainAttributes();
    }
  }
}
