/**
 * AUTO mode for Proximity: schedules, an in-process {@link dev.proximity.scheduler.Scheduler},
 * backup policies realised as Proxmox backup jobs, and update checks against container registries.
 *
 * <p>Proxmox runs what it can (backup jobs with retention keep running when no Proximity process is
 * up); the in-process scheduler covers the rest. Types in {@code dev.proximity.scheduler.internal}
 * are not API.
 */
package dev.proximity.scheduler;
