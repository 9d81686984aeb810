package dev.proximity;

/**
 * No app (a container tagged {@code proximity}) has the given name or vmid.
 */
public final class AppNotFoundException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** The reference as given; see {@link #app()}. */
  private final String app;

  /**
   * Creates the exception.
   *
   * @param app the name or vmid that was looked up
   */
  public AppNotFoundException(String app) {
    super("no app named '" + app + "': list apps with apps() and use a name or vmid from it");
    this.app = app;
  }

  /**
   * The name or vmid that was looked up.
   *
   * @return the reference as given
   */
  public String app() {
    return app;
  }
}
