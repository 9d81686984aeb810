/**
 * The SSH host simulator: {@link dev.proximity.testkit.ssh.SshHostSimulator} emulates Proxmox VE
 * hosts over SSH ({@code pct exec}, {@code pct push}, SFTP) and a Docker Compose engine inside each
 * container, recording every command and injecting {@link dev.proximity.testkit.ssh.SimFault}s.
 */
package dev.proximity.testkit.ssh;
