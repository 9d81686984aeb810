/**
 * Not API: implementation classes of the Proximity SDK. Nothing here appears in a public signature
 * and no other module may import it.
 */
package dev.proximity.internal;
