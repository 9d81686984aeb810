/**
 * Values of the Proxmox VE client: result records, request builders and typed property strings
 * ({@link dev.proximity.pve.model.Net}, {@link dev.proximity.pve.model.RootFs},
 * {@link dev.proximity.pve.model.Features}, {@link dev.proximity.pve.model.Tags},
 * {@link dev.proximity.pve.model.PruneBackups}) with {@code parse} and {@code render}.
 *
 * <p>Records are immutable; decoding is lenient where Proxmox is inconsistent.
 */
package dev.proximity.pve.model;
