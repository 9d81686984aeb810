package dev.proximity;

/**
 * Receives the progress of long operations (deploy, update, clone, restore, golden templates).
 *
 * <p>Called on the thread that runs the operation, in step order. A listener must return quickly
 * and must not block on I/O; an exception it throws is logged and ignored, never fails the
 * operation.
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * Called when a step begins.
   *
   * @param event the step, its completion percentage and a message
   */
  void onProgress(ProgressEvent event);
}
