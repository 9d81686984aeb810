package dev.proximity.internal.deploy;

import dev.proximity.AppManifest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Proxmox tags that mirror an app's manifest, so that one {@code /cluster/resources} request
 * can list apps with their catalog id, version and owner (the row carries tags but no description).
 *
 * <p>An app carries {@code proximity}, its catalog id as a plain tag (readable in the Proxmox GUI),
 * and {@code px-catalog-}, {@code px-version-} and {@code px-owner-} tags holding the exact values.
 * The {@code px-catalog-} tag exists because users add their own tags: without it the plain
 * catalog tag could not be told apart from them. The manifest in the description stays the source
 * of truth; these tags are a listing index and are rewritten wherever the manifest is.
 *
 * <p>Proxmox tags are {@code [a-z0-9_][a-z0-9_\-+.]*} and folded to lower case, so {@link
 * #encode(String)} keeps {@code a-z 0-9 _ - .} and writes every other UTF-8 byte (upper case
 * included) as {@code +} and two lower-case hex digits, which {@link #decode(String)} reverses.
 */
final class AppTags {
  /** Marks a container as an app. */
  static final String APP = Resolver.APP_TAG;
  /** Prefix of every tag Proximity reserves; catalog ids may not start with it. */
  static final String RESERVED_PREFIX = "px-";
  static final String CATALOG_PREFIX = RESERVED_PREFIX + "catalog-";
  static final String VERSION_PREFIX = RESERVED_PREFIX + "version-";
  static final String OWNER_PREFIX = RESERVED_PREFIX + "owner-";
  /** What a listing shows for a value no tag records (an app tagged by hand, or from a pre-release build). */
  static final String UNKNOWN = "unknown";

  private static final char ESCAPE = '+';

  private AppTags() {}

  /**
   * The tags of an app.
   *
   * @param catalogId the catalog id
   * @param version the catalog version
   * @param owner the owner, if any
   * @return {@code proximity}, the plain catalog tag, then the reserved tags
   */
  static List<String> of(String catalogId, String version, Optional<String> owner) {
    List<String> tags = new ArrayList<>();
    tags.add(APP);
    String plain = plainCatalogTag(catalogId);
    if (!plain.equals(APP)) {
      tags.add(plain);
    }
    tags.add(CATALOG_PREFIX + encode(catalogId));
    tags.add(VERSION_PREFIX + encode(version));
    owner.ifPresent(o -> tags.add(OWNER_PREFIX + encode(o)));
    return List.copyOf(tags);
  }

  /**
   * The tags of an app.
   *
   * @param m its manifest
   * @return {@code proximity}, the plain catalog tag, then the reserved tags
   */
  static List<String> of(AppManifest m) {
    return of(m.catalogId(), m.version(), m.owner());
  }

  /**
   * The tags an app should carry after its manifest changed: the user's own tags stay, the
   * previous manifest's tags are replaced.
   *
   * @param current the tags it carries now
   * @param m the new manifest
   * @return the tags in the form the API accepts ({@code ;}-joined)
   */
  static String replace(Collection<String> current, AppManifest m) {
    List<String> out = new ArrayList<>(of(m));
    String oldPlain = catalogId(current).map(AppTags::plainCatalogTag).orElse(null);
    for (String t : current) {
      boolean ours = t.equals(APP) || t.startsWith(RESERVED_PREFIX) || t.equals(oldPlain);
      if (!ours && !out.contains(t)) {
        out.add(t);
      }
    }
    return String.join(";", out);
  }

  /**
   * The catalog id the tags record: the {@code px-catalog-} tag, else (an app deployed before
   * that tag existed) the only tag that is neither {@code proximity} nor reserved.
   *
   * @param tags the container's tags
   * @return the catalog id, or empty when the tags do not say
   */
  static Optional<String> catalogId(Collection<String> tags) {
    Optional<String> exact = value(tags, CATALOG_PREFIX);
    if (exact.isPresent()) {
      return exact;
    }
    String plain = null;
    for (String t : tags) {
      if (!t.equals(APP) && !t.startsWith(RESERVED_PREFIX)) {
        if (plain != null) {
          return Optional.empty(); // a tag of the user's beside it: which is which is unknown
        }
        plain = t;
      }
    }
    return Optional.ofNullable(plain);
  }

  /**
   * The version the tags record.
   *
   * @param tags the container's tags
   * @return the version, or empty
   */
  static Optional<String> version(Collection<String> tags) {
    return value(tags, VERSION_PREFIX);
  }

  /**
   * The owner the tags record.
   *
   * @param tags the container's tags
   * @return the owner, or empty
   */
  static Optional<String> owner(Collection<String> tags) {
    return value(tags, OWNER_PREFIX);
  }

  private static Optional<String> value(Collection<String> tags, String prefix) {
    // A loop, not a stream: this runs for every row of a 10,000-container listing.
    String found = null;
    for (String t : tags) {
      if (t.startsWith(prefix)) {
        if (found != null) {
          return Optional.empty(); // several: a hand edit, so take none rather than guess
        }
        found = t;
      }
    }
    return found == null ? Optional.empty() : decode(found.substring(prefix.length()));
  }

  private static String plainCatalogTag(String catalogId) {
    return catalogId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_\\-+.]", "-");
  }

  /**
   * Encodes text into tag characters.
   *
   * @param text any text
   * @return {@code a-z 0-9 _ - .} kept, every other UTF-8 byte as {@code +hh}
   */
  static String encode(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
        sb.append(c);
      } else {
        sb.append(ESCAPE).append(Character.forDigit(c >> 4, 16))
            .append(Character.forDigit(c & 0xf, 16));
      }
    }
    return sb.toString();
  }

  /**
   * Decodes what {@link #encode(String)} wrote; hex digits may be in either case.
   *
   * @param tag the encoded text
   * @return the text, or empty when it is not a valid encoding (a tag edited by hand)
   */
  static Optional<String> decode(String tag) {
    if (plainAscii(tag)) {
      return Optional.of(tag); // the common case (ids, versions): nothing escaped, nothing to copy
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(tag.length());
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (c != ESCAPE) {
        if (c > 0x7f) {
          return Optional.empty();
        }
        bytes.write(c);
        continue;
      }
      if (i + 2 >= tag.length()) {
        return Optional.empty();
      }
      int hi = hexDigit(tag.charAt(i + 1));
      int lo = hexDigit(tag.charAt(i + 2));
      if (hi < 0 || lo < 0) {
        return Optional.empty();
      }
      bytes.write(hi << 4 | lo);
      i += 2;
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static boolean plainAscii(String tag) {
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (c == ESCAPE || c > 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static int hexDigit(char c) {
    // ASCII only: Character.digit would also accept other scripts' digits
    return c > 0x7f ? -1 : Character.digit(c, 16);
  }
}
