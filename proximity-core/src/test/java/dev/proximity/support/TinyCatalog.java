package dev.proximity.support;

import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.AppParameter;
import dev.proximity.spi.AppTemplate;
import dev.proximity.spi.PortSpec;
import dev.proximity.spi.RenderedApp;
import dev.proximity.spi.ResourceHints;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A one-entry in-test catalog ({@code hello}); its version can be bumped to test updates. Its
 * secrets: ADMIN_PASSWORD, kept by clones, and SESSION_KEY, regenerated on clone. Its compose
 * file has a health check, so the SSH host simulator exercises the health wait too. Shared with
 * proximity-ssh's tests through the core test-jar.
 */
public final class TinyCatalog implements AppCatalog {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The version {@code hello} has now. */
  public volatile String version = "1.0.0";

  @Override
  public Optional<AppTemplate> find(String id) {
    return "hello".equals(id) ? Optional.of(new Hello(version)) : Optional.empty();
  }

  @Override
  public List<AppTemplate> list() {
    return List.of(new Hello(version));
  }

  private record Hello(String version) implements AppTemplate {
    @Override
    public String id() {
      return "hello";
    }

    @Override
    public String name() {
      return "Hello";
    }

    @Override
    public String description() {
      return "A static hello page";
    }

    @Override
    public String category() {
      return "demo";
    }

    @Override
    public List<String> tags() {
      return List.of("demo");
    }

    @Override
    public Optional<PortSpec> webPort() {
      return Optional.of(new PortSpec(8080, "tcp", "web"));
    }

    @Override
    public List<PortSpec> ports() {
      return List.of(new PortSpec(8080, "tcp", "web"));
    }

    @Override
    public List<AppParameter> parameters() {
      return List.of(
          new AppParameter("GREETING", AppParameter.Type.STRING, "text", Optional.of("hi"),
              Optional.of("[a-z ]{1,20}"), false, false, false),
          new AppParameter("ADMIN_PASSWORD", AppParameter.Type.PASSWORD, "admin",
              Optional.empty(), Optional.empty(), true, true, true),
          new AppParameter("SESSION_KEY", AppParameter.Type.PASSWORD, "signs sessions",
              Optional.empty(), Optional.empty(), true, true, true, true));
    }

    @Override
    public ResourceHints resources() {
      return new ResourceHints(1, 256, 2, 1, 512, 4);
    }

    @Override
    public List<String> images() {
      return List.of("nginx:1.27." + version);
    }

    @Override
    public String notes() {
      return "";
    }

    @Override
    public RenderedApp render(Map<String, String> values) {
      Map<String, String> v = new HashMap<>(values);
      for (String k : v.keySet()) {
        if (!k.equals("GREETING") && !k.equals("ADMIN_PASSWORD") && !k.equals("SESSION_KEY")) {
          throw new IllegalArgumentException("unknown parameter " + k);
        }
      }
      String greeting = v.getOrDefault("GREETING", "hi");
      if (!greeting.matches("[a-z ]{1,20}")) {
        throw new IllegalArgumentException("GREETING must match [a-z ]{1,20}");
      }
      String pw = v.computeIfAbsent("ADMIN_PASSWORD", k -> fresh());
      String session = v.computeIfAbsent("SESSION_KEY", k -> fresh());
      String compose = "services:\n  web:\n    image: nginx:1.27." + version + "\n"
          + "    environment:\n      GREETING: '" + greeting + "'\n      ADMIN_PASSWORD: '" + pw
          + "'\n      SESSION_KEY: '" + session + "'\n"
          + "    healthcheck:\n      test: [\"CMD\", \"wget\", \"-q\", \"--spider\","
          + " \"http://127.0.0.1:8080/\"]\n";
      return new RenderedApp("hello", version, compose, Map.of("GREETING", greeting),
          Map.of("ADMIN_PASSWORD", pw, "SESSION_KEY", session));
    }

    private static String fresh() {
      return HexFormat.of().formatHex(RANDOM.generateSeed(8));
    }
  }
}
