package dev.proximity.examples.server.api;

import dev.proximity.App;
import dev.proximity.AppHandle;
import dev.proximity.AppSummary;
import dev.proximity.Proximity;
import dev.proximity.examples.server.auth.Caller;
import dev.proximity.examples.server.auth.UserStore;
import dev.proximity.examples.server.config.OperatingMode;
import dev.proximity.examples.server.http.ApiException;
import dev.proximity.examples.server.store.SettingsStore;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the apps a caller may see and enforces the mode: a user sees and manages only the apps whose
 * manifest names them as owner; an admin sees every app. An app the caller may not see is reported as
 * not found, so that its existence does not leak. Thread-safe.
 */
public final class AppAccess {
  /** App names are DNS labels: they become the container's hostname. */
  public static final Pattern APP_NAME = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

  private final Proximity px;
  private final UserStore users;
  private final SettingsStore settings;

  /**
   * Creates the helper.
   *
   * @param px the SDK
   * @param users resolves owner ids to names
   * @param settings holds the mode
   */
  public AppAccess(Proximity px, UserStore users, SettingsStore settings) {
    this.px = px;
    this.users = users;
    this.settings = settings;
  }

  /**
   * Validates an app name from a path or body.
   *
   * @param field the field name for the error
   * @param name the name
   * @return the name
   * @throws ApiException 400 when it is not a DNS label
   */
  public static String validName(String field, String name) {
    if (name == null || !APP_NAME.matcher(name).matches()) {
      throw ApiException.invalidField(field,
          "must be 1-63 characters of lower-case letters, digits and '-', starting with a letter"
              + " and not ending with '-'");
    }
    return name;
  }

  /**
   * Finds an app the caller may manage.
   *
   * @param caller the caller
   * @param id the app name or vmid
   * @return the handle and a fresh snapshot
   * @throws ApiException 404 when it does not exist or belongs to someone else
   */
  public Owned find(Caller caller, String id) {
    if (!APP_NAME.matcher(id).matches() && !id.matches("[1-9][0-9]{2,8}")) {
      throw ApiException.invalidField("id", "must be an app name or a container id");
    }
    AppHandle handle = px.findApp(id).orElseThrow(() -> ApiException.notFound("app '" + id + "'"));
    App app = handle.info();
    if (!mayManage(caller, app)) {
      throw ApiException.notFound("app '" + id + "'");
    }
    return new Owned(handle, app);
  }

  /**
   * Whether the caller may see and manage an app.
   *
   * @param caller the caller
   * @param app the app
   * @return {@code true} for admins and the owner
   */
  public boolean mayManage(Caller caller, App app) {
    return mayManage(caller, app.manifest().owner());
  }

  /**
   * Whether the caller may see and manage a listed app, judged from the listing alone so that
   * nothing more is read about apps of other users.
   *
   * @param caller the caller
   * @param app the app as {@code px.apps()} lists it
   * @return {@code true} for admins and the owner
   */
  public boolean mayManage(Caller caller, AppSummary app) {
    return mayManage(caller, app.owner());
  }

  private static boolean mayManage(Caller caller, Optional<String> owner) {
    return caller.isAdmin() || owner.map(caller.userId()::equals).orElse(false);
  }

  /**
   * Resolves an owner id to a user name for display.
   *
   * @param ownerId the id in the manifest
   * @return the user name, or the id when the user is unknown to this server
   */
  public String ownerName(String ownerId) {
    return users.findById(ownerId).map(u -> u.username()).orElse(ownerId);
  }

  /**
   * Refuses an operation that needs PRO mode while the server is in AUTO mode.
   *
   * @param operation what was requested, e.g. {@code clone}
   * @throws ApiException 409 naming the current and the required mode
   */
  public void requirePro(String operation) {
    OperatingMode mode = settings.mode();
    if (mode != OperatingMode.PRO) {
      throw new ApiException(409, "mode_restricted",
          operation + " is available in PRO mode only; the server is in " + mode
              + " mode (an admin can switch with PUT /api/v1/system/settings/mode)",
          Map.of("mode", mode.name(), "required_mode", OperatingMode.PRO.name()));
    }
  }

  /**
   * An app the caller may manage.
   *
   * @param handle the SDK handle
   * @param app the snapshot read when it was found
   */
  public record Owned(AppHandle handle, App app) {}
}
