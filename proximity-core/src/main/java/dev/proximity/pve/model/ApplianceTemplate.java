package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An entry of the node's appliance index ({@code GET /nodes/{node}/aplinfo}).
 *
 * @param template file name, e.g. {@code debian-12-standard_12.7-1_amd64.tar.zst}
 * @param packageName package name, e.g. {@code debian-12-standard}
 * @param version version
 * @param os OS, e.g. {@code debian-12}
 * @param section {@code system}, {@code turnkeylinux}, ...
 * @param type {@code lxc}
 * @param headline one-line description
 * @param location download URL
 * @param sha512sum expected checksum, or null
 * @param architecture e.g. {@code amd64}
 */
public record ApplianceTemplate(String template, @JsonProperty("package") String packageName, String version,
    String os, String section, String type, String headline, String location, String sha512sum,
    String architecture) {}
