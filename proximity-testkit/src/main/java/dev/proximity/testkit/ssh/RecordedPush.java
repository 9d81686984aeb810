package dev.proximity.testkit.ssh;

/**
 * One {@code pct push} the SSH host simulator carried out.
 *
 * @param node the node
 * @param vmid the container
 * @param source the host path pushed from
 * @param target the container path written
 * @param mode the mode given to the file in the container
 * @param sourceMode the POSIX mode the host file had when it was pushed (e.g. {@code 0600}), or -1
 *     when the file system has no POSIX modes
 * @param bytes the number of bytes copied
 */
public record RecordedPush(String node, int vmid, String source, String target, int mode,
    int sourceMode, long bytes) {}
