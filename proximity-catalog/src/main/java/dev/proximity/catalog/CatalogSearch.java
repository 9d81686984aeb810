package dev.proximity.catalog;

import dev.proximity.spi.AppTemplate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A search over a catalog: free text, a category and a tag, each optional. Every given criterion
 * must match.
 *
 * <p>Text is split on white space; every word must occur, case-insensitively, in the id, name,
 * description, category or a tag. Category and tag match exactly, case-insensitively. Immutable:
 * each {@code with...}/{@code in...} method returns a new search.
 *
 * <pre>{@code
 * List<CatalogEntry> hits = catalog.search(CatalogSearch.text("git").inCategory("development"));
 * }</pre>
 */
public final class CatalogSearch {
  private static final CatalogSearch ALL = new CatalogSearch(null, null, null);

  private final String text;
  private final String category;
  private final String tag;

  private CatalogSearch(String text, String category, String tag) {
    this.text = blankToNull(text);
    this.category = blankToNull(category);
    this.tag = blankToNull(tag);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the search that matches every entry.
   *
   * @return a search without criteria
   */
  public static CatalogSearch all() {
    return ALL;
  }

  /**
   * Returns a search for free text.
   *
   * @param text words that must all occur; blank matches everything
   * @return the search
   */
  public static CatalogSearch text(String text) {
    return new CatalogSearch(text, null, null);
  }

  /**
   * Returns this search with the free text replaced.
   *
   * @param newText words that must all occur; blank or null removes the criterion
   * @return a new search
   */
  public CatalogSearch withText(String newText) {
    return new CatalogSearch(newText, category, tag);
  }

  /**
   * Returns this search restricted to one category.
   *
   * @param newCategory the category, such as {@code monitoring}; blank or null removes the criterion
   * @return a new search
   */
  public CatalogSearch inCategory(String newCategory) {
    return new CatalogSearch(text, newCategory, tag);
  }

  /**
   * Returns this search restricted to entries carrying a tag.
   *
   * @param newTag the tag, such as {@code git}; blank or null removes the criterion
   * @return a new search
   */
  public CatalogSearch withTag(String newTag) {
    return new CatalogSearch(text, category, newTag);
  }

  /**
   * Returns the free text, lower-cased.
   *
   * @return the text, empty when not set
   */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /**
   * Returns the category criterion, lower-cased.
   *
   * @return the category, empty when not set
   */
  public Optional<String> category() {
    return Optional.ofNullable(category);
  }

  /**
   * Returns the tag criterion, lower-cased.
   *
   * @return the tag, empty when not set
   */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /**
   * Returns whether an app matches every criterion.
   *
   * @param app the app
   * @return true when it matches
   */
  public boolean matches(AppTemplate app) {
    return score(app) > 0;
  }

  /**
   * Scores an app: 0 when it does not match; higher when the text hits its id or name rather
   * than only its description.
   *
   * @param app the app
   * @return the relevance, 0 for no match
   */
  public int score(AppTemplate app) {
    Objects.requireNonNull(app, "app");
    if (category != null && !app.category().toLowerCase(Locale.ROOT).equals(category)) {
      return 0;
    }
    if (tag != null
        && app.tags().stream().noneMatch(t -> t.toLowerCase(Locale.ROOT).equals(tag))) {
      return 0;
    }
    if (text == null) {
      return 1;
    }
    String id = app.id().toLowerCase(Locale.ROOT);
    String name = app.name().toLowerCase(Locale.ROOT);
    String description = app.description().toLowerCase(Locale.ROOT);
    String appCategory = app.category().toLowerCase(Locale.ROOT);
    List<String> tags = app.tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    int score = 1;
    for (String word : Arrays.asList(text.split("\\s+"))) {
      int best = 0;
      if (id.equals(word) || name.equals(word)) {
        best = 100;
      } else if (id.contains(word) || name.contains(word)) {
        best = 20;
      } else if (tags.contains(word) || appCategory.equals(word)) {
        best = 10;
      } else if (tags.stream().anyMatch(t -> t.contains(word)) || appCategory.contains(word)) {
        best = 5;
      } else if (description.contains(word)) {
        best = 2;
      }
      if (best == 0) {
        return 0;
      }
      score += best;
    }
    return score;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CatalogSearch s
        && Objects.equals(text, s.text)
        && Objects.equals(category, s.category)
        && Objects.equals(tag, s.tag);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, category, tag);
  }

  @Override
  public String toString() {
    return "CatalogSearch[text=" + text + ", category=" + category + ", tag=" + tag + "]";
  }
}
