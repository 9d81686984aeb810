/**
 * Not API: the deploy pipeline and the app lifecycle behind {@link dev.proximity.Proximity}.
 *
 * <p>{@code ClusterOps} is the seam to Proxmox (implemented over the typed client by
 * {@code PveClusterOps}); {@code Operation} carries an operation's steps, deadline, cancellation
 * and rollback; {@code OperationRunner} runs every operation, blocking or async, and is the one
 * place where a failure or a cancel triggers the rollback; {@code DeployPipeline},
 * {@code BackupOps}, {@code CloneOps}, {@code UpdateOps} and {@code GoldenTemplates} are the
 * operations' steps. Commands inside containers follow
 * docs/container-contract.md exactly ({@code ContainerContract}).
 */
package dev.proximity.internal.deploy;
