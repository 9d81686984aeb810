package dev.proximity.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Percent-encoding for Proxmox form bodies, query strings and path segments.
 *
 * <p>Proxmox splits pairs on {@code &} and {@code ;}, splits each pair at the first {@code =} and
 * drops anything after a second raw {@code =}, and decodes {@code +} as a space. So every byte
 * outside the RFC 3986 unreserved set is encoded, including {@code = , ; + /} and spaces.
 */
public final class FormEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private FormEncoding() {}

  /**
   * Encodes one value, leaving only unreserved characters ({@code A-Z a-z 0-9 - _ . ~}) as they are.
   *
   * @param value the raw text
   * @return the encoded text
   */
  public static String encode(String value) {
    return encode(value, "");
  }

  /**
   * Encodes one path segment; {@code :}, {@code @} and {@code !} stay raw, as in UPIDs real clients send.
   *
   * @param segment the raw segment
   * @return the encoded segment
   */
  public static String encodeUpidSegment(String segment) {
    return encode(segment, ":@!");
  }

  /**
   * Renders parameters as {@code k=v&k=v}, each key and value fully percent-encoded.
   *
   * @param params the parameters in sending order
   * @return the encoded form, empty when there are none
   */
  public static String form(Map<String, String> params) {
    StringJoiner joiner = new StringJoiner("&");
    params.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
    return joiner.toString();
  }

  private static String encode(String value, String alsoRaw) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if (isUnreserved(c) || (c < 128 && alsoRaw.indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~';
  }
}
