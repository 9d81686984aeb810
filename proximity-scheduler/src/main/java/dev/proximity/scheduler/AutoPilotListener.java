package dev.proximity.scheduler;

import dev.proximity.App;
import dev.proximity.ProximityException;

/**
 * Receives what {@link AutoPilot} does, in addition to the underlying scheduler's events. Every
 * method has a no-op default.
 *
 * <p>Methods are called on AutoPilot's threads and must return quickly; an exception thrown by a
 * listener is logged and otherwise ignored.
 */
public interface AutoPilotListener extends SchedulerListener {

  /**
   * AutoPilot switched between AUTO and PRO.
   *
   * @param mode the new mode
   */
  default void onModeChanged(AutoPilot.Mode mode) {}

  /**
   * An in-process backup run ended.
   *
   * @param run what happened per app
   */
  default void onBackupRun(BackupRun run) {}

  /**
   * An update check ended.
   *
   * @param report what is newer, per app
   */
  default void onUpdateCheck(UpdateReport report) {}

  /**
   * An update check found an update for an app (called once per such app, after
   * {@link #onUpdateCheck}).
   *
   * @param update what is newer
   */
  default void onUpdateAvailable(AppUpdate update) {}

  /**
   * AutoPilot applied an update (only when configured to apply updates).
   *
   * @param update what was newer
   * @param app the app after the update
   */
  default void onUpdateApplied(AppUpdate update, App app) {}

  /**
   * Applying an update failed; the facade has restored the pre-update backup where it could.
   *
   * @param update what was newer
   * @param error why it failed
   */
  default void onUpdateFailed(AppUpdate update, ProximityException error) {}
}
