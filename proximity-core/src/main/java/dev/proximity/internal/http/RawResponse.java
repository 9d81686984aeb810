package dev.proximity.internal.http;

/**
 * One HTTP answer as received: status, status-line reason phrase and body bytes.
 *
 * @param status HTTP status code
 * @param reason the reason phrase of the status line (Proxmox puts the error's first line there)
 * @param body the body, empty when there was none
 */
record RawResponse(int status, String reason, byte[] body) {}
