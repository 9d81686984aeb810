package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guest tags: Proxmox accepts them split on {@code ,}, {@code ;} or spaces and returns them joined with {@code ;}.
 *
 * @param values the tags in order, without duplicates
 */
public record Tags(List<String> values) {
  private static final Pattern TAG = Pattern.compile("[a-z0-9_][a-z0-9_\\-+.]*");

  /**
   * Validates each tag against Proxmox's pattern and removes duplicates.
   *
   * @param values the tags in order, without duplicates
   */
  public Tags {
    Set<String> seen = new LinkedHashSet<>();
    for (String v : values) {
      if (!TAG.matcher(v).matches()) {
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
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String t : text.split("[,;\\s]+")) {
        if (!t.isEmpty()) {
          out.add(t.toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    return new Tags(out);
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
