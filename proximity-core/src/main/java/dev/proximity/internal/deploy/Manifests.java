package dev.proximity.internal.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proximity.AppManifest;
import dev.proximity.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The app manifest's JSON form, stored as the container description and in manifest.json.
 *
 * <p>The description holds exactly one JSON object with {@code "proximity": 1}; parsing is lenient
 * (text around the object, unknown fields) because users may edit descriptions in the GUI.
 */
public final class Manifests {
  static final int FORMAT = 1;

  private Manifests() {}

  /**
   * Renders a manifest as compact JSON.
   *
   * @param m the manifest
   * @return the JSON text
   */
  public static String toJson(AppManifest m) {
    return toJson(m, null);
  }

  /**
   * Renders a manifest with the id of the operation that created the container, which rollback
   * uses to recognise its own container.
   *
   * @param m the manifest
   * @param operationId a random id, or null
   * @return the JSON text
   */
  public static String toJson(AppManifest m, String operationId) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("proximity", FORMAT);
    root.put("catalogId", m.catalogId());
    root.put("version", m.version());
    ObjectNode params = root.putObject("parameters");
    new TreeMap<>(m.parameters()).forEach(params::put);
    root.put("composeSha256", m.composeSha256());
    root.put("createdAt", m.createdAt().toString());
    m.owner().ifPresent(o -> root.put("owner", o));
    if (operationId != null) {
      root.put("operation", operationId);
    }
    try {
      return Json.mapper().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest is always serialisable", e);
    }
  }

  /**
   * Parses a manifest out of a container description.
   *
   * @param description the description, possibly {@code null}
   * @return the manifest, or empty when the description holds none
   */
  public static Optional<AppManifest> parse(String description) {
    if (description == null) {
      return Optional.empty();
    }
    int start = description.indexOf('{');
    int end = description.lastIndexOf('}');
    if (start < 0 || end < start) {
      return Optional.empty();
    }
    try {
      JsonNode root = Json.mapper().readTree(description.substring(start, end + 1));
      if (root.path("proximity").asInt(0) < 1 || !root.path("catalogId").isTextual()) {
        return Optional.empty();
      }
      Map<String, String> params = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.path("parameters").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        params.put(e.getKey(), e.getValue().asText());
      }
      String owner = root.path("owner").asText("");
      return Optional.of(new AppManifest(
          root.path("catalogId").asText(),
          root.path("version").asText(""),
          params,
          root.path("composeSha256").asText(""),
          parseInstant(root.path("createdAt").asText("")),
          owner.isEmpty() ? Optional.empty() : Optional.of(owner)));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * The manifest of a container whose description holds none (an offline node, a container tagged
   * by hand): what the listing tags mirror, {@code unknown} for what they lack, nothing else.
   *
   * @param tags the container's tags
   * @return a manifest with the tagged fields and empty others
   */
  static AppManifest fromTags(Collection<String> tags) {
    return new AppManifest(AppTags.catalogId(tags).orElse(AppTags.UNKNOWN),
        AppTags.version(tags).orElse(AppTags.UNKNOWN), Map.of(), "", Instant.EPOCH,
        AppTags.owner(tags));
  }

  /**
   * Hashes text with SHA-256.
   *
   * @param text the text, UTF-8 encoded
   * @return lower-case hex
   */
  public static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static Instant parseInstant(String text) {
    try {
      return text.isEmpty() ? Instant.EPOCH : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
