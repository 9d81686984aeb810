package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * Guest tags: Proxmox accepts them split on {@code ,}, {@code ;} or spaces and returns them joined with {@code ;}.
 *
 * @param values the tags in order, without duplicates
 */
public record Tags(List<String> values) {

  /**
   * Validates each tag against Proxmox's pattern and removes duplicates.
   *
   * @param values the tags in order, without duplicates
   */
  public Tags {
    Set<String> seen = new LinkedHashSet<>();
    for (String v : values) {
      if (!valid(v)) {
        throw new IllegalArgumentException(
            "tag '" + v + "' is invalid: lower-case letters, digits and _ - + . only, not starting with - + .");
      }
      seen.add(v);
    }
    values = List.copyOf(seen);
  }

  /**
   * Creates tags from values.
   *
   * @param values the tags
   * @return the tags
   */
  public static Tags of(String... values) {
    return new Tags(List.of(values));
  }

  /**
   * Parses a tag list as Proxmox returns or accepts it (upper case is folded to lower case).
   *
   * @param text e.g. {@code proximity;web}, may be null or empty
   * @return the tags
   */
  @JsonCreator
  public static Tags parse(String text) {
    // By hand rather than split and match with regular expressions: every guest of a listing has
    // tags, and the regular expressions took about a microsecond per guest.
    List<String> out = new ArrayList<>();
    if (text != null) {
      int start = -1;
      for (int i = 0; i <= text.length(); i++) {
        if (i == text.length() || separator(text.charAt(i))) {
          if (start >= 0) {
            out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
            start = -1;
          }
        } else if (start < 0) {
          start = i;
        }
      }
    }
    return new Tags(out);
  }

  /** Proxmox splits tag lists on {@code ,}, {@code ;} and white space ({@code [,;\s]}). */
  private static boolean separator(char c) {
    return c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** Proxmox's tag pattern, {@code [a-z0-9_][a-z0-9_\-+.]*}. */
  static boolean valid(String tag) {
    if (tag.isEmpty()) {
      return false;
    }
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
          || (i > 0 && (c == '-' || c == '+' || c == '.'));
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  /**
   * Tells whether a tag is present.
   *
   * @param tag the tag
   * @return true when present
   */
  public boolean contains(String tag) {
    return values.contains(tag);
  }

  /**
   * Returns these tags plus one more.
   *
   * @param tag the tag to add
   * @return new tags
   */
  public Tags with(String tag) {
    List<String> out = new ArrayList<>(values);
    out.add(tag);
    return new Tags(out);
  }

  /**
   * Renders the form the API accepts: tags joined with {@code ;}.
   *
   * @return e.g. {@code proximity;web}
   */
  public String render() {
    return String.join(";", values);
  }
}
