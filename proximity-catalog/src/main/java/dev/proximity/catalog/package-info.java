/**
 * The Proximity app catalog: curated Docker Compose apps described by {@code app.yaml} files,
 * validated when loaded and rendered with structurally substituted parameters.
 *
 * <p>Start with {@link dev.proximity.catalog.Catalogs}. Entries implement the core SPI
 * {@link dev.proximity.spi.AppTemplate}; {@link dev.proximity.catalog.BundledCatalog} is the
 * {@link dev.proximity.spi.AppCatalog} service the facade discovers. Types in
 * {@code dev.proximity.catalog.internal} are not API.
 */
package dev.proximity.catalog;
