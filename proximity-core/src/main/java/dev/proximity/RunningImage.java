package dev.proximity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The image one Compose service's container was created from, as Docker inside the app reports
 * it: the reference from the Compose file, the image id the container uses, and the registry
 * digests Docker recorded when that image was pulled ({@code RepoDigests}).
 *
 * <p>The digests are those of the image the container runs, not of whatever the tag points to
 * locally now: an image pulled again without recreating the container does not change them.
 * Immutable and thread-safe.
 *
 * @param service the Compose service name
 * @param state the container state, e.g. {@code running} or {@code exited}
 * @param image the image reference of the service, e.g. {@code nginx:1.27}
 * @param imageId the image id, e.g. {@code sha256:4f2c...}, or empty when Docker reports none
 * @param repoDigests the repository digests, e.g. {@code nginx@sha256:0a1b...}; empty for an image
 *     that was built or loaded rather than pulled
 */
public record RunningImage(String service, String state, String image, String imageId,
    List<String> repoDigests) {

  /**
   * Validates and copies the components.
   *
   * @param service the Compose service name
   * @param state the container state, e.g. {@code running} or {@code exited}
   * @param image the image reference of the service, e.g. {@code nginx:1.27}
   * @param imageId the image id, or empty when Docker reports none
   * @param repoDigests the repository digests, empty for an image that was not pulled
   */
  public RunningImage {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(image, "image");
    imageId = imageId == null ? "" : imageId;
    repoDigests = List.copyOf(repoDigests);
  }

  /** @return whether the service's container is running */
  public boolean running() {
    return "running".equals(state);
  }

  /**
   * Returns the {@code sha256:...} digest recorded for a repository, matched by the text before
   * {@code @} in {@link #repoDigests()} (Docker writes Docker Hub names short: {@code nginx},
   * {@code bitnami/redis}).
   *
   * @param repository the repository as Docker writes it
   * @return the digest, or empty when none was recorded for it
   */
  public Optional<String> digestFor(String repository) {
    for (String d : repoDigests) {
      int at = d.lastIndexOf('@');
      if (at > 0 && d.substring(0, at).equals(repository)) {
        return Optional.of(d.substring(at + 1));
      }
    }
    return Optional.empty();
  }
}
