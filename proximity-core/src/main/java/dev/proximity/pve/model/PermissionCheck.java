package dev.proximity.pve.model;

/**
 * One line of a preflight report: does the caller hold this privilege on this path?
 *
 * @param operation what the privilege is for, e.g. {@code create containers}
 * @param path ACL path, e.g. {@code /vms}
 * @param privilege privilege, e.g. {@code VM.Allocate}
 * @param granted whether the caller holds it
 */
public record PermissionCheck(String operation, String path, String privilege, boolean granted) {}
