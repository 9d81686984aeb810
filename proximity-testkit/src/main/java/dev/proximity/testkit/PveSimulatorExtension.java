package dev.proximity.testkit;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs a {@link PveSimulator}: registered on a {@code static} field it
 * serves the whole class, on an instance field a fresh simulator per test. Test methods may also
 * take a {@code PveSimulator} parameter. Needs {@code junit-jupiter-api} on the test class path
 * (an optional dependency of the testkit).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PveSimulatorExtension pve = PveSimulatorExtension.create(b -> b.timeScale(0.001));
 *
 * @Test
 * void lists(PveSimulator sim) { ... pve.sim().baseUri() ... }
 * }</pre>
 *
 * <p>Not thread-safe across parallel test classes sharing one instance.
 */
public final class PveSimulatorExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final Consumer<PveSimulatorBuilder> config;
  private PveSimulator sim;
  private boolean perClass;

  private PveSimulatorExtension(Consumer<PveSimulatorBuilder> config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * @return an extension with the default simulator
   */
  public static PveSimulatorExtension create() {
    return new PveSimulatorExtension(b -> { });
  }

  /**
   * @param config configures the builder before each start
   * @return the extension
   */
  public static PveSimulatorExtension create(Consumer<PveSimulatorBuilder> config) {
    return new PveSimulatorExtension(config);
  }

  /**
   * @return the running simulator
   * @throws IllegalStateException outside a test
   */
  public PveSimulator sim() {
    if (sim == null) {
      throw new IllegalStateException("the PVE simulator runs only during tests");
    }
    return sim;
  }

  private void start() {
    PveSimulatorBuilder b = PveSimulator.builder();
    config.accept(b);
    sim = b.start();
  }

  private void stop() {
    if (sim != null) {
      sim.close();
      sim = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
    perClass = false;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == PveSimulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return sim();
  }
}
