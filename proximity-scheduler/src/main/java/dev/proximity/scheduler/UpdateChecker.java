package dev.proximity.scheduler;

import dev.proximity.App;
import dev.proximity.scheduler.internal.DigestBaseline;
import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.AppTemplate;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks apps for updates: the deployed catalog version against the catalog's current version
 * and, with a {@link RegistryClient}, the digest of each image tag against the digest first seen
 * for the deployment (a tag that was pushed again).
 *
 * <p>The first check of a deployment records its digests ({@link DigestCheck.Status#UNKNOWN}); a
 * later check reports {@link DigestCheck.Status#NEWER} when a tag moved. The baseline restarts when
 * the app's compose file changes (a redeploy or update) or on {@link #forget(String)}. A registry
 * that cannot be reached is reported per image, never thrown.
 *
 * <pre>{@code
 * UpdateChecker checker = UpdateChecker.builder(px.catalog()).registry(RegistryClient.create())
 *     .baselineFile(Path.of("digests.json")).build();
 * UpdateReport report = checker.check(List.of(px.app("web").info()));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class UpdateChecker {
  private static final Logger log = LoggerFactory.getLogger(UpdateChecker.class);

  private final AppCatalog catalog;
  private final RegistryClient registry;
  private final DigestBaseline baseline;
  private final Clock clock;

  private UpdateChecker(Builder b) {
    this.catalog = b.catalog;
    this.registry = b.registry;
    this.baseline = new DigestBaseline(b.baselineFile);
    this.clock = b.clock;
  }

  /**
   * Starts configuring a checker.
   *
   * @param catalog the catalog holding the current versions
   * @return a new builder
   */
  public static Builder builder(AppCatalog catalog) {
    return new Builder(catalog);
  }

  /**
   * Checks every app.
   *
   * @param apps the apps as {@code px.app(name).info()} reads them (the digest baseline needs
   *     each manifest's compose hash, which the {@code px.apps()} listing does not carry)
   * @return the report
   */
  public UpdateReport check(List<App> apps) {
    List<AppUpdate> out = new ArrayList<>();
    for (App app : apps) {
      out.add(check(app));
    }
    UpdateReport report = new UpdateReport(clock.instant(), out);
    log.debug("update check: {} apps, {} with updates", out.size(),
        report.updatesAvailable().size());
    return report;
  }

  /**
   * Checks one app.
   *
   * @param app the app
   * @return what is newer
   */
  public AppUpdate check(App app) {
    Optional<AppTemplate> entry = catalog.find(app.catalogId());
    if (entry.isEmpty()) {
      return new AppUpdate(app.name(), app.vmid(), app.catalogId(), app.version(), "", List.of(),
          "the catalog has no entry '" + app.catalogId() + "' any more");
    }
    AppTemplate template = entry.get();
    List<DigestCheck> images = new ArrayList<>();
    String problem = "";
    if (registry != null && template.version().equals(app.version())) {
      for (String image : template.images()) {
        ImageReference ref;
        try {
          ref = ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
          problem = "catalog image '" + image + "' is not a valid reference";
          continue;
        }
        if (ref.hasDigest()) {
          continue; // pinned by digest: cannot move
        }
        String key = key(app) + ref;
        String known = baseline.get(key).orElse("");
        DigestCheck check = registry.check(ref, known);
        if (known.isEmpty() && check.latestDigest().isPresent()) {
          baseline.put(key, check.latestDigest().get());
        }
        images.add(check);
      }
    }
    return new AppUpdate(app.name(), app.vmid(), app.catalogId(), app.version(),
        template.version(), images, problem);
  }

  /**
   * Forgets the digests recorded for an app, so the next check takes a new baseline (after the
   * images were pulled again).
   *
   * @param appName the app name
   */
  public void forget(String appName) {
    baseline.forget(appName + "|");
  }

  private static String key(App app) {
    return app.name() + "|" + app.manifest().composeSha256() + "|";
  }

  /** Configures an {@link UpdateChecker}. Not thread-safe. */
  public static final class Builder {
    private final AppCatalog catalog;
    private RegistryClient registry;
    private Path baselineFile;
    private Clock clock = Clock.systemUTC();

    private Builder(AppCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Enables image digest checks against container registries.
     *
     * @param client the registry client; owned by the caller
     * @return this builder
     */
    public Builder registry(RegistryClient client) {
      this.registry = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Persists the digest baseline in a JSON file (default: memory only, so a restart takes a new
     * baseline).
     *
     * @param file the file, written atomically
     * @return this builder
     */
    public Builder baselineFile(Path file) {
      this.baselineFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Sets the clock that stamps reports.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the checker.
     *
     * @return the checker
     * @throws SchedulerException if the baseline file exists but cannot be read
     */
    public UpdateChecker build() {
      return new UpdateChecker(this);
    }
  }
}
