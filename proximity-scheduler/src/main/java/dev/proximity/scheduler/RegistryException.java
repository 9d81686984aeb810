package dev.proximity.scheduler;

import dev.proximity.ProximityException;

/**
 * A container registry did not give an image's digest: it was unreachable, refused the credentials,
 * does not know the image, or limited the rate. The message never contains a credential or token.
 */
public class RegistryException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** The image reference asked for; see {@link #image()}. */
  private final String image;
  /** The HTTP status, or 0 when the registry gave no answer; see {@link #statusCode()}. */
  private final int statusCode;

  /**
   * Creates an exception.
   *
   * @param image the image reference asked for
   * @param statusCode the HTTP status, or 0 when there was no answer
   * @param message what failed and what to do
   * @param cause the underlying failure, or null
   */
  public RegistryException(String image, int statusCode, String message, Throwable cause) {
    super(message, cause);
    this.image = image;
    this.statusCode = statusCode;
  }

  /** @return the image reference asked for */
  public String image() {
    return image;
  }

  /** @return the HTTP status, or 0 when the registry gave no answer */
  public int statusCode() {
    return statusCode;
  }

  /** @return whether the registry could not be reached (I/O error, timeout, TLS failure) */
  public boolean isUnreachable() {
    return statusCode == 0;
  }

  /** @return whether the registry does not know the image or tag */
  public boolean isNotFound() {
    return statusCode == 404;
  }

  /** @return whether the registry refused the (missing or given) credentials */
  public boolean isAuth() {
    return statusCode == 401 || statusCode == 403;
  }

  /** @return whether the registry limited the request rate (Docker Hub pull limits) */
  public boolean isRateLimited() {
    return statusCode == 429;
  }
}
