package dev.proximity.internal.http;

/**
 * Builds encoded API paths from raw segments, one segment per path parameter.
 */
public final class PathBuilder {
  private PathBuilder() {}

  /**
   * Joins segments into a path, percent-encoding each one (a {@code /} inside a segment becomes {@code %2F}).
   *
   * @param segments raw segments, converted with {@code String.valueOf}
   * @return the encoded path starting with {@code /}
   */
  public static String path(Object... segments) {
    StringBuilder out = new StringBuilder();
    for (Object segment : segments) {
      out.append('/').append(FormEncoding.encode(String.valueOf(segment)));
    }
    return out.toString();
  }

  /**
   * Joins segments, encoding a UPID the way real clients send it ({@code :@!} raw).
   *
   * @param node the node name
   * @param upid the UPID text
   * @param suffix optional trailing segments such as {@code status}
   * @return the encoded path
   */
  public static String taskPath(String node, String upid, String... suffix) {
    StringBuilder out = new StringBuilder(path("nodes", node, "tasks"));
    out.append('/').append(FormEncoding.encodeUpidSegment(upid));
    for (String s : suffix) {
      out.append('/').append(FormEncoding.encode(s));
    }
    return out.toString();
  }
}
