package dev.proximity.scheduler;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A container image reference, normalised the way Docker does it: {@code nginx} is
 * {@code docker.io/library/nginx:latest}, {@code user/app} is {@code docker.io/user/app:latest},
 * and a first path component with a dot or a port, or {@code localhost}, names the registry
 * ({@code ghcr.io/owner/app:1.2}, {@code registry.example.com:5000/team/app}).
 *
 * <pre>{@code
 * ImageReference ref = ImageReference.parse("louislam/uptime-kuma:1.23");
 * ref.registry();    // "docker.io"
 * ref.repository();  // "louislam/uptime-kuma"
 * ref.tag();         // "1.23"
 * }</pre>
 *
 * @param registry the registry host, with port if any; {@code docker.io} for Docker Hub
 * @param repository the repository path, such as {@code library/nginx}
 * @param tag the tag, or an empty string when the reference has only a digest
 * @param digest the pinned digest ({@code sha256:...}), or an empty string
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

  /** Docker Hub's canonical registry name. */
  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern REGISTRY =
      Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*"
          + "[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]{1,5})?");
  private static final Pattern COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");

  /**
   * Validates the components.
   *
   * @param registry the registry host, with port if any; {@code docker.io} for Docker Hub
   * @param repository the repository path, such as {@code library/nginx}
   * @param tag the tag, or an empty string when the reference has only a digest
   * @param digest the pinned digest ({@code sha256:...}), or an empty string
   */
  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    tag = tag == null ? "" : tag;
    digest = digest == null ? "" : digest;
    if (!REGISTRY.matcher(registry).matches()) {
      throw new IllegalArgumentException("invalid registry host '" + registry + "'");
    }
    for (String c : repository.split("/", -1)) {
      if (!COMPONENT.matcher(c).matches()) {
        throw new IllegalArgumentException("invalid repository '" + repository
            + "': components are lower-case letters and digits separated by . _ __ or -");
      }
    }
    if (!tag.isEmpty() && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("invalid tag '" + tag + "'");
    }
    if (!digest.isEmpty() && !DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("invalid digest '" + digest + "'");
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      throw new IllegalArgumentException("an image reference needs a tag or a digest");
    }
  }

  /**
   * Parses an image reference as Docker does.
   *
   * @param reference such as {@code nginx}, {@code nginx:1.27}, {@code ghcr.io/owner/app:v2},
   *     {@code registry.local:5000/app@sha256:...}
   * @return the normalised reference; the tag is {@code latest} when neither tag nor digest is given
   * @throws IllegalArgumentException if the reference is malformed
   */
  public static ImageReference parse(String reference) {
    Objects.requireNonNull(reference, "reference");
    String rest = reference.trim();
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("empty image reference");
    }
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")
          || !first.equals(first.toLowerCase(Locale.ROOT))) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = "latest";
    }
    try {
      return new ImageReference(registry, rest, tag, digest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid image reference '" + reference + "': "
          + e.getMessage(), e);
    }
  }

  /**
   * Returns the repository as Docker writes it in an image's {@code RepoDigests}: Docker Hub
   * repositories short ({@code nginx}, {@code bitnami/redis}), others with their registry
   * ({@code ghcr.io/org/app}).
   *
   * @return the repository name Docker records digests under
   */
  public String dockerRepository() {
    if (!registry.equals(DOCKER_HUB)) {
      return registry + "/" + repository;
    }
    return repository.startsWith("library/") ? repository.substring("library/".length()) : repository;
  }

  /** @return whether the reference pins a digest */
  public boolean hasDigest() {
    return !digest.isEmpty();
  }

  /** @return the tag if there is one, else the digest: what the manifest URL names */
  public String manifestReference() {
    return tag.isEmpty() ? digest : tag;
  }

  /**
   * Returns the same image with another tag and no digest.
   *
   * @param newTag the tag
   * @return a new reference
   */
  public ImageReference withTag(String newTag) {
    return new ImageReference(registry, repository, newTag, "");
  }

  /** @return the canonical form, such as {@code docker.io/library/nginx:1.27} */
  @Override
  public String toString() {
    return registry + "/" + repository + (tag.isEmpty() ? "" : ":" + tag)
        + (digest.isEmpty() ? "" : "@" + digest);
  }
}
