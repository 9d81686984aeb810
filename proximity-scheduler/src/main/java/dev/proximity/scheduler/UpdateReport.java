package dev.proximity.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of one update check over every app.
 *
 * @param checkedAt when the check ran
 * @param apps one entry per app
 */
public record UpdateReport(Instant checkedAt, List<AppUpdate> apps) {

  /**
   * Validates and copies the components.
   *
   * @param checkedAt when the check ran
   * @param apps one entry per app
   */
  public UpdateReport {
    Objects.requireNonNull(checkedAt, "checkedAt");
    apps = List.copyOf(apps);
  }

  /** @return the apps with an update available */
  public List<AppUpdate> updatesAvailable() {
    return apps.stream().filter(AppUpdate::updateAvailable).toList();
  }

  /**
   * Returns the apps that could not be checked fully: a missing catalog entry or a registry that
   * gave no digest.
   *
   * @return the apps with problems
   */
  public List<AppUpdate> incomplete() {
    return apps.stream().filter(a -> !a.problem().isEmpty()
        || a.images().stream().anyMatch(i -> i.status() == DigestCheck.Status.FAILED)).toList();
  }
}
