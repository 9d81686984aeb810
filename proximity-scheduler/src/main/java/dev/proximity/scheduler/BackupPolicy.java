package dev.proximity.scheduler;

import dev.proximity.pve.model.BackupMode;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What AUTO mode backs up, when, where and how long it keeps it.
 *
 * <pre>{@code
 * BackupPolicy policy = BackupPolicy.builder()
 *     .weekly(DayOfWeek.SATURDAY, LocalTime.of(15, 0))
 *     .zone(ZoneId.of("Europe/Berlin"))
 *     .storage("pbs")
 *     .retention(Retention.builder().keepLast(3).keepWeekly(8).build())
 *     .build();
 * }</pre>
 *
 * @param schedule when backups run (default: daily at 02:00)
 * @param zone the zone of the schedule; Proxmox evaluates a delegated job in its nodes' local time,
 *     which should be this zone (default: the system zone)
 * @param storage the Proxmox storage id backups go to (default: {@code local})
 * @param mode how running containers are backed up (default: {@link BackupMode#SNAPSHOT})
 * @param compression archive compression (default: {@link Compression#ZSTD})
 * @param retention what pruning keeps (default: {@link Retention#defaultRetention()})
 */
public record BackupPolicy(Schedule schedule, ZoneId zone, String storage, BackupMode mode,
    Compression compression, Retention retention) {

  private static final Pattern STORAGE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9\\-_.]*");

  /**
   * Validates the components.
   *
   * @param schedule when backups run (default: daily at 02:00)
   * @param zone the zone of the schedule; Proxmox evaluates a delegated job in its nodes' local time, which should be this zone (default: the system zone)
   * @param storage the Proxmox storage id backups go to (default: {@code local})
   * @param mode how running containers are backed up (default: {@link BackupMode#SNAPSHOT})
   * @param compression archive compression (default: {@link Compression#ZSTD})
   * @param retention what pruning keeps (default: {@link Retention#defaultRetention()})
   */
  public BackupPolicy {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(storage, "storage");
    if (!STORAGE_ID.matcher(storage).matches()) {
      throw new IllegalArgumentException("not a Proxmox storage id: '" + storage + "'");
    }
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(retention, "retention");
  }

  /**
   * Returns the AUTO mode default: daily at 02:00 in the system zone to storage {@code local},
   * snapshot mode, zstd, the default retention.
   *
   * @return the default policy
   */
  public static BackupPolicy defaults() {
    return builder().build();
  }

  /**
   * Starts building a policy from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder initialised with this policy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder().schedule(schedule).zone(zone).storage(storage).mode(mode)
        .compression(compression).retention(retention);
  }

  /** Builds a {@link BackupPolicy}; starts from the defaults. Not thread-safe. */
  public static final class Builder {
    private Schedule schedule = Schedule.daily(LocalTime.of(2, 0));
    private ZoneId zone = ZoneId.systemDefault();
    private String storage = "local";
    private BackupMode mode = BackupMode.SNAPSHOT;
    private Compression compression = Compression.ZSTD;
    private Retention retention = Retention.defaultRetention();

    private Builder() {}

    /**
     * Sets the schedule.
     *
     * @param schedule any schedule
     * @return this builder
     */
    public Builder schedule(Schedule schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    /**
     * Backs up every day at {@code time}.
     *
     * @param time the local time
     * @return this builder
     */
    public Builder daily(LocalTime time) {
      return schedule(Schedule.daily(time));
    }

    /**
     * Backs up every week on {@code day} at {@code time}.
     *
     * @param day the weekday
     * @param time the local time
     * @return this builder
     */
    public Builder weekly(DayOfWeek day, LocalTime time) {
      return schedule(Schedule.weekly(day, time));
    }

    /**
     * Sets the zone of the schedule.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Sets the target storage.
     *
     * @param storage the Proxmox storage id
     * @return this builder
     */
    public Builder storage(String storage) {
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /**
     * Sets the backup mode.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder mode(BackupMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Sets the compression.
     *
     * @param compression the compression
     * @return this builder
     */
    public Builder compression(Compression compression) {
      this.compression = Objects.requireNonNull(compression, "compression");
      return this;
    }

    /**
     * Sets the retention.
     *
     * @param retention the retention
     * @return this builder
     */
    public Builder retention(Retention retention) {
      this.retention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException if the storage id is malformed
     */
    public BackupPolicy build() {
      return new BackupPolicy(schedule, zone, storage, mode, compression, retention);
    }
  }
}
