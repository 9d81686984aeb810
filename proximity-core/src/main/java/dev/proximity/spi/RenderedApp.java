package dev.proximity.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A catalog app rendered for one deployment.
 *
 * @param templateId the catalog id
 * @param templateVersion the catalog version rendered
 * @param composeYaml the Docker Compose document, every value substituted
 * @param publicParameters the values that may be stored in the app manifest (no secrets)
 * @param secrets the secret values (given or generated), for the container only; never logged
 */
public record RenderedApp(
    String templateId,
    String templateVersion,
    String composeYaml,
    Map<String, String> publicParameters,
    Map<String, String> secrets) {

  /**
   * Validates and copies the components.
   *
   * @param templateId the catalog id
   * @param templateVersion the catalog version rendered
   * @param composeYaml the Docker Compose document, every value substituted
   * @param publicParameters the values that may be stored in the app manifest (no secrets)
   * @param secrets the secret values (given or generated), for the container only; never logged
   */
  public RenderedApp {
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(templateVersion, "templateVersion");
    Objects.requireNonNull(composeYaml, "composeYaml");
    publicParameters = Map.copyOf(publicParameters);
    secrets = Map.copyOf(secrets);
  }

  /** Shows ids and parameter names only: secret values never appear. */
  @Override
  public String toString() {
    return "RenderedApp[" + templateId + "@" + templateVersion + ", parameters="
        + publicParameters + ", secrets=" + secrets.keySet() + "]";
  }
}
