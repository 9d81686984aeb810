/**
 * Support for scripting Proximity from JShell: {@link dev.proximity.examples.jshell.DemoCluster}
 * starts the demo cluster that {@code proximity.jsh}'s {@code demo()} returns.
 */
package dev.proximity.examples.jshell;
