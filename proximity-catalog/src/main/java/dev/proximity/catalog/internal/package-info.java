/**
 * Loading, validation and rendering of catalog entries. Not API: may change in any release.
 */
package dev.proximity.catalog.internal;
