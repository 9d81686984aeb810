/**
 * The Proximity facade: connect to Proxmox VE and deploy and manage catalog apps.
 *
 * <p>Start with {@code Proximity.connect(...)}. Lower-level access to the Proxmox VE API lives in
 * {@code dev.proximity.pve}; the seams other modules implement live in {@code dev.proximity.spi}.
 */
package dev.proximity;
