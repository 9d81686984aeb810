package dev.proximity.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A parameter of a catalog app.
 *
 * @param name the parameter name, e.g. {@code ADMIN_EMAIL}
 * @param type the value type
 * @param description what the value is for
 * @param defaultValue the default, absent for secrets and required values
 * @param pattern a regular expression the whole value must match, absent when the type suffices
 * @param required whether a value must be given (or generated)
 * @param secret whether the value is a secret: never stored in the manifest, never logged
 * @param generated whether a random value is generated when none is given
 * @param regenerateOnClone whether a clone gets a fresh generated value instead of the source's:
 *     only for generated secrets the app reads at every start and never writes into its data
 */
public record AppParameter(
    String name,
    Type type,
    String description,
    Optional<String> defaultValue,
    Optional<String> pattern,
    boolean required,
    boolean secret,
    boolean generated,
    boolean regenerateOnClone) {

  /**
   * Validates the components.
   *
   * @param name the parameter name, e.g. {@code ADMIN_EMAIL}
   * @param type the value type
   * @param description what the value is for
   * @param defaultValue the default, absent for secrets and required values
   * @param pattern a regular expression the whole value must match, absent when the type suffices
   * @param required whether a value must be given (or generated)
   * @param secret whether the value is a secret: never stored in the manifest, never logged
   * @param generated whether a random value is generated when none is given
   * @param regenerateOnClone whether a clone gets a fresh generated value instead of the source's
   * @throws IllegalArgumentException if {@code regenerateOnClone} is set on a parameter that is
   *     not a generated secret: only a generator can supply the fresh value
   */
  public AppParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    description = description == null ? "" : description;
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(pattern, "pattern");
    if (regenerateOnClone && !(secret && generated)) {
      throw new IllegalArgumentException("parameter " + name + ": regenerateOnClone applies to"
          + " generated secrets only");
    }
  }

  /**
   * A parameter that a clone keeps: the form of every parameter before clones could regenerate.
   *
   * @param name the parameter name, e.g. {@code ADMIN_EMAIL}
   * @param type the value type
   * @param description what the value is for
   * @param defaultValue the default, absent for secrets and required values
   * @param pattern a regular expression the whole value must match, absent when the type suffices
   * @param required whether a value must be given (or generated)
   * @param secret whether the value is a secret: never stored in the manifest, never logged
   * @param generated whether a random value is generated when none is given
   */
  public AppParameter(String name, Type type, String description, Optional<String> defaultValue,
      Optional<String> pattern, boolean required, boolean secret, boolean generated) {
    this(name, type, description, defaultValue, pattern, required, secret, generated, false);
  }

  /** The value types a parameter can have. */
  public enum Type {
    /** Free text, limited by {@code pattern} when given. */
    STRING,
    /** A decimal integer. */
    INTEGER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** An e-mail address. */
    EMAIL,
    /** An absolute http(s) URL. */
    URL,
    /** A TCP/UDP port number. */
    PORT,
    /** A secret string, generated or given. */
    PASSWORD
  }
}
