/**
 * Implementation of proximity-scheduler: not API, may change without notice. No type here appears
 * in a public signature, and no other module imports one.
 */
package dev.proximity.scheduler.internal;
