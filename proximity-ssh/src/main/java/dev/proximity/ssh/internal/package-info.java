/** Implementation of the SSH host shell; not API. */
package dev.proximity.ssh.internal;
