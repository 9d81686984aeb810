package dev.proximity.scheduler;

import dev.proximity.App;
import dev.proximity.ProximityException;
import dev.proximity.RunningImage;
import dev.proximity.spi.AppCatalog;
import dev.proximity.spi.AppTemplate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks apps for updates: the deployed catalog version against the catalog's current version
 * and, with a {@link RegistryClient}, the digest of the image each service actually runs against
 * the digest its tag has now in the registry (a tag that was pushed again).
 *
 * <p>The running digests come from {@link RunningImages}, normally the facade's
 * {@code AppHandle.runningImages()}: the {@code RepoDigests} Docker recorded when the image of each
 * service's container was pulled. Per service the result is {@link DigestCheck.Status#UP_TO_DATE},
 * {@link DigestCheck.Status#NEWER}, {@link DigestCheck.Status#UNKNOWN} (the image has no registry
 * digest, e.g. built locally), {@link DigestCheck.Status#NOT_RUNNING}, or
 * {@link DigestCheck.Status#FAILED} (registry unreachable, denied, rate-limited). Nothing is thrown
 * for one app or registry: problems are reported in the {@link AppUpdate}.
 *
 * <pre>{@code
 * UpdateChecker checker = UpdateChecker.builder(px.catalog())
 *     .registry(RegistryClient.create(), app -> px.app(app.name()).runningImages()).build();
 * UpdateReport report = checker.check(List.of(px.app("web").info()));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class UpdateChecker {
  private static final Logger log = LoggerFactory.getLogger(UpdateChecker.class);

  /** Reads the images an app's services run, such as {@code app -> px.app(app.name()).runningImages()}. */
  @FunctionalInterface
  public interface RunningImages {
    /**
     * Reads the images of one app.
     *
     * @param app the app
     * @return one entry per service container
     * @throws ProximityException if the app cannot be read (stopped, unreachable)
     */
    List<RunningImage> read(App app);
  }

  private final AppCatalog catalog;
  private final RegistryClient registry;
  private final RunningImages runningImages;
  private final Clock clock;

  private UpdateChecker(Builder b) {
    this.catalog = b.catalog;
    this.registry = b.registry;
    this.runningImages = b.runningImages;
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
    List<DigestCheck> images = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (entry.isEmpty()) {
      problems.add("the catalog has no entry '" + app.catalogId() + "' any more");
    }
    if (registry != null) {
      checkDigests(app, images, problems);
    }
    return new AppUpdate(app.name(), app.vmid(), app.catalogId(), app.version(),
        entry.map(AppTemplate::version).orElse(""), images, String.join("; ", problems));
  }

  private void checkDigests(App app, List<DigestCheck> images, List<String> problems) {
    List<RunningImage> running;
    try {
      running = runningImages.read(app);
    } catch (ProximityException e) {
      problems.add("the images " + app.name() + " runs could not be read: " + e.getMessage());
      return;
    }
    for (RunningImage ri : running) {
      ImageReference ref;
      try {
        ref = ImageReference.parse(ri.image());
      } catch (IllegalArgumentException e) {
        problems.add("service " + ri.service() + " runs '" + ri.image() + "', not a valid reference");
        continue;
      }
      if (ref.hasDigest()) {
        continue; // pinned by digest: cannot move
      }
      if (!ri.running()) {
        images.add(new DigestCheck(ri.service(), ref, DigestCheck.Status.NOT_RUNNING, "", "",
            "service " + ri.service() + " is " + (ri.state().isEmpty() ? "not running" : ri.state())
                + "; its image was not checked"));
        continue;
      }
      String runs = ri.digestFor(ref.dockerRepository()).orElse("");
      DigestCheck check = registry.check(ref, runs).forService(ri.service());
      if (runs.isEmpty() && check.status() == DigestCheck.Status.UNKNOWN) {
        check = check.withMessage("the image service " + ri.service() + " runs has no registry digest"
            + " for " + ref.dockerRepository() + " (built or loaded locally?)");
      }
      images.add(check);
    }
  }

  /** Configures an {@link UpdateChecker}. Not thread-safe. */
  public static final class Builder {
    private final AppCatalog catalog;
    private RegistryClient registry;
    private RunningImages runningImages;
    private Clock clock = Clock.systemUTC();

    private Builder(AppCatalog catalog) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Enables image digest checks: the digest each service runs against its registry.
     *
     * @param client the registry client; owned by the caller
     * @param images reads what each app's services run, such as
     *     {@code app -> px.app(app.name()).runningImages()}
     * @return this builder
     */
    public Builder registry(RegistryClient client, RunningImages images) {
      this.registry = Objects.requireNonNull(client, "client");
      this.runningImages = Objects.requireNonNull(images, "images");
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
     */
    public UpdateChecker build() {
      return new UpdateChecker(this);
    }
  }
}
