/**
 * Service-provider interfaces that other Proximity modules implement, so that {@code proximity-core}
 * depends on none of them: {@link dev.proximity.spi.HostShell} (proximity-ssh) and
 * {@link dev.proximity.spi.AppCatalog} (proximity-catalog).
 */
package dev.proximity.spi;
