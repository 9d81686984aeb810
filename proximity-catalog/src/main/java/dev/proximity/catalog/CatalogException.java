package dev.proximity.catalog;

import dev.proximity.ProximityException;
import java.util.Objects;
import java.util.Optional;

/**
 * A catalog entry is invalid, missing, or was asked to render with invalid parameter values.
 *
 * <p>The message names the entry, the file, the field and the rule that was broken, for example
 * {@code catalog entry 'wordpress': wordpress/compose.yaml, field services.db.image: image
 * 'mariadb:latest' is not pinned; pin a version tag such as mariadb:11.4.5}. The same parts are
 * available as accessors for programmatic use. Messages never contain a parameter value, so a
 * secret cannot leak through an exception.
 *
 * <p>Immutable and thread-safe.
 */
public final class CatalogException extends ProximityException {
  private static final long serialVersionUID = 1L;

  /** The entry id, or null when the problem is not tied to one entry. */
  private final String entryId;
  /** The file, or null when the problem is not in a file (for example a render value). */
  private final String file;
  /** The field path, or null when the problem concerns a whole file. */
  private final String field;
  /** The rule that was broken, in words. */
  private final String rule;

  /**
   * Creates an exception.
   *
   * @param entryId the catalog entry id, or null when unknown
   * @param file the file, relative to its catalog source, or null
   * @param field the field path such as {@code parameters[2].default}, or null
   * @param rule the rule that was broken, with what to do about it
   */
  public CatalogException(String entryId, String file, String field, String rule) {
    this(entryId, file, field, rule, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param entryId the catalog entry id, or null when unknown
   * @param file the file, relative to its catalog source, or null
   * @param field the field path such as {@code parameters[2].default}, or null
   * @param rule the rule that was broken, with what to do about it
   * @param cause the underlying failure, or null
   */
  public CatalogException(String entryId, String file, String field, String rule, Throwable cause) {
    super(message(entryId, file, field, Objects.requireNonNull(rule, "rule")), cause);
    this.entryId = entryId;
    this.file = file;
    this.field = field;
    this.rule = rule;
  }

  private static String message(String entryId, String file, String field, String rule) {
    StringBuilder sb = new StringBuilder("catalog");
    if (entryId != null) {
      sb.append(" entry '").append(entryId).append('\'');
    }
    if (file != null) {
      sb.append(": ").append(file);
    }
    if (field != null) {
      sb.append(file != null ? ", field " : ": field ").append(field);
    }
    return sb.append(": ").append(rule).toString();
  }

  /**
   * Returns the id of the entry at fault.
   *
   * @return the entry id, empty when the problem is not tied to one entry
   */
  public Optional<String> entryId() {
    return Optional.ofNullable(entryId);
  }

  /**
   * Returns the file at fault, relative to its catalog source (e.g. {@code nginx/app.yaml}).
   *
   * @return the file, empty for problems outside files such as render values
   */
  public Optional<String> file() {
    return Optional.ofNullable(file);
  }

  /**
   * Returns the path of the field at fault, such as {@code services.web.image} or
   * {@code parameters[1].default}.
   *
   * @return the field path, empty when the problem concerns a whole file or entry
   */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /**
   * Returns the rule that was broken, in words, with what to do about it.
   *
   * @return the rule
   */
  public String rule() {
    return rule;
  }
}
