/**
 * Not API: the task-end watch over host shells ({@link dev.proximity.internal.tasks.HostTaskWatch}).
 */
package dev.proximity.internal.tasks;
