/**
 * Internals of the Proxmox VE simulator: HTTP front, authentication, schema checks, cluster state,
 * tasks and one route class per API area. Not API: nothing here appears in a public signature of
 * {@code dev.proximity.testkit}, and other modules must not import it.
 */
package dev.proximity.testkit.internal.pve;
