package dev.proximity.examples.server.http;

/** Who may call a route. */
public enum Access {
  /** Anyone, without a token: health, OpenAPI document, login, register. */
  PUBLIC,
  /** Any authenticated user. */
  USER,
  /** Authenticated users with the admin role. */
  ADMIN
}
