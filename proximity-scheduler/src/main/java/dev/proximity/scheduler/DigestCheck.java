package dev.proximity.scheduler;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of comparing the digest of the image a service runs with the digest its tag has now
 * in the registry. A registry failure is a result ({@link Status#FAILED}), not an exception: one
 * unreachable registry does not stop an update check of many apps.
 *
 * @param service the Compose service whose image was checked, or an empty string when the check
 *     was not made for a service
 * @param image the image checked
 * @param status the verdict
 * @param knownDigest the digest the service runs (compared against), or an empty string when none
 *     is known
 * @param registryDigest the digest the registry reports now, or an empty string on failure
 * @param message why the check failed or was not made, or an empty string
 */
public record DigestCheck(String service, ImageReference image, Status status, String knownDigest,
    String registryDigest, String message) {

  /** The verdict of a digest check. */
  public enum Status {
    /** The registry reports the known digest. */
    UP_TO_DATE,
    /** The registry reports a different digest: the tag was pushed again. */
    NEWER,
    /** The registry answered, but there was no known digest to compare with. */
    UNKNOWN,
    /** The registry gave no digest (unreachable, auth, not found, rate-limited). */
    FAILED,
    /** The service's container is not running, so its image was not checked. */
    NOT_RUNNING
  }

  /**
   * Validates and normalises the components.
   *
   * @param service the Compose service whose image was checked, or an empty string
   * @param image the image checked
   * @param status the verdict
   * @param knownDigest the digest compared against, or an empty string when none was known
   * @param registryDigest the digest the registry reports now, or an empty string on failure
   * @param message why the check failed, or an empty string
   */
  public DigestCheck {
    service = service == null ? "" : service;
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(status, "status");
    knownDigest = knownDigest == null ? "" : knownDigest;
    registryDigest = registryDigest == null ? "" : registryDigest;
    message = message == null ? "" : message;
  }

  /**
   * A check not tied to a service.
   *
   * @param image the image checked
   * @param status the verdict
   * @param knownDigest the digest compared against, or an empty string when none was known
   * @param registryDigest the digest the registry reports now, or an empty string on failure
   * @param message why the check failed, or an empty string
   */
  public DigestCheck(ImageReference image, Status status, String knownDigest, String registryDigest,
      String message) {
    this("", image, status, knownDigest, registryDigest, message);
  }

  /**
   * Returns a copy for a service.
   *
   * @param serviceName the Compose service
   * @return the check
   */
  public DigestCheck forService(String serviceName) {
    return new DigestCheck(serviceName, image, status, knownDigest, registryDigest, message);
  }

  /**
   * Returns a copy with another message.
   *
   * @param text the message
   * @return the check
   */
  public DigestCheck withMessage(String text) {
    return new DigestCheck(service, image, status, knownDigest, registryDigest, text);
  }

  /** @return whether the registry has a different image under the tag */
  public boolean isNewer() {
    return status == Status.NEWER;
  }

  /** @return the registry's digest, if it answered */
  public Optional<String> latestDigest() {
    return registryDigest.isEmpty() ? Optional.empty() : Optional.of(registryDigest);
  }
}
