package dev.proximity;

/**
 * The steps of an app operation, in pipeline order. Each step emits a {@link ProgressEvent}; a
 * {@link DeployException} names the step that failed.
 *
 * <p>Deploys use the steps from {@link #RESOLVE} to {@link #HEALTH}; updates, clones and restores
 * reuse them and add {@link #BACKUP} and {@link #RESTORE}.
 */
public enum DeployStep {
  /** Resolve the catalog entry, validate parameters and generate secrets. */
  RESOLVE("resolve", 2),
  /** Choose the node and validate resources against the entry and the node. */
  PLACE("place", 5),
  /** Ensure the base template (download once per node) or find the golden template. */
  TEMPLATE("template", 10),
  /** Allocate a free vmid. */
  ALLOCATE("allocate", 20),
  /** Create (or clone) the unprivileged container. */
  CREATE("create", 25),
  /** Start the container. */
  START("start", 40),
  /** Wait for the container's IPv4 address. */
  NETWORK("network", 45),
  /** Install Docker with the fixed script, unless the container came from a golden template. */
  INSTALL_DOCKER("install-docker", 55),
  /** Push the compose file, secrets and manifest into the container. */
  PUSH("push", 70),
  /** Pull images and run {@code docker compose up -d}. */
  COMPOSE_UP("compose-up", 80),
  /** Wait until every service is running and healthy. */
  HEALTH("health", 90),
  /** Back up the app before a change. */
  BACKUP("backup", 15),
  /** Restore a backup. */
  RESTORE("restore", 50),
  /** Undo what a failed or cancelled operation created. */
  ROLLBACK("rollback", 100),
  /** The operation finished. */
  DONE("done", 100);

  private final String label;
  private final int percent;

  DeployStep(String label, int percent) {
    this.label = label;
    this.percent = percent;
  }

  /**
   * The short, stable name of the step, as shown in progress output.
   *
   * @return e.g. {@code install-docker}
   */
  public String label() {
    return label;
  }

  /**
   * The overall completion of a deploy when this step begins.
   *
   * @return 0..100
   */
  public int percent() {
    return percent;
  }
}
