package dev.proximity.scheduler;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of comparing an image's known digest with the digest its tag has now in the registry.
 * A registry failure is a result ({@link Status#FAILED}), not an exception: one unreachable registry
 * does not stop an update check of many apps.
 *
 * @param image the image checked
 * @param status the verdict
 * @param knownDigest the digest compared against, or an empty string when none was known
 * @param registryDigest the digest the registry reports now, or an empty string on failure
 * @param message why the check failed, or an empty string
 */
public record DigestCheck(ImageReference image, Status status, String knownDigest,
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
    FAILED
  }

  /**
   * Validates and normalises the components.
   *
   * @param image the image checked
   * @param status the verdict
   * @param knownDigest the digest compared against, or an empty string when none was known
   * @param registryDigest the digest the registry reports now, or an empty string on failure
   * @param message why the check failed, or an empty string
   */
  public DigestCheck {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(status, "status");
    knownDigest = knownDigest == null ? "" : knownDigest;
    registryDigest = registryDigest == null ? "" : registryDigest;
    message = message == null ? "" : message;
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
