package dev.proximity.internal.deploy;

/** The long app operations, created once per SDK instance. */
public final class Lifecycle {
  private final BackupOps backups;
  private final CloneOps clones;
  private final UpdateOps updates;

  /**
   * Creates the operations.
   *
   * @param ctx the shared context
   * @param reader the app reader
   */
  public Lifecycle(Context ctx, AppReader reader) {
    this.backups = new BackupOps(ctx, reader);
    this.clones = new CloneOps(ctx, reader, backups);
    this.updates = new UpdateOps(ctx, reader, backups);
  }

  BackupOps backups() {
    return backups;
  }

  CloneOps clones() {
    return clones;
  }

  UpdateOps updates() {
    return updates;
  }
}
