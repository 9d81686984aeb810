/**
 * Proximity's host shell over SSH: {@link dev.proximity.ssh.SshHostShells} runs {@code pct exec} and
 * {@code pct push} on Proxmox VE hosts with sshj, verifying host keys and quoting argv in exactly
 * one place.
 *
 * <p>Public API: {@link dev.proximity.ssh.SshHostShells}, {@link dev.proximity.ssh.SshAuth},
 * {@link dev.proximity.ssh.HostKeyVerification} and {@link dev.proximity.ssh.SshCommandException}.
 * Everything under {@code dev.proximity.ssh.internal} may change without notice.
 */
package dev.proximity.ssh;
