/**
 * Test and demo support: an in-process Proxmox VE simulator over HTTPS and an SSH host simulator
 * that emulates {@code pct} and a Docker Compose engine inside each container.
 */
package dev.proximity.testkit;
