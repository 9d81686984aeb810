/**
 * Typed client of the Proxmox VE REST API: {@link dev.proximity.pve.PveClient} and its resource groups.
 *
 * <p>Navigation narrows scope ({@code pve.node("pve").lxc(101).config()}); calls that start a Proxmox
 * task return a {@link dev.proximity.pve.Task}. Errors are {@link dev.proximity.pve.PveApiException}
 * (the server said no), {@link dev.proximity.pve.PveConnectionException} (no usable answer) and
 * {@link dev.proximity.pve.TaskFailedException}. All types are immutable and thread-safe.
 */
package dev.proximity.pve;
