package dev.proximity.examples.server.auth;

import dev.proximity.examples.server.audit.AuditTrail;
import dev.proximity.examples.server.config.Registration;
import dev.proximity.examples.server.http.Access;
import dev.proximity.examples.server.http.ApiException;
import dev.proximity.examples.server.http.Request;
import dev.proximity.examples.server.http.Response;
import dev.proximity.examples.server.http.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code /api/v1/auth} endpoints: register, login, logout and me.
 *
 * <p>The first user to register becomes admin; later registrations follow the configured
 * {@link Registration} policy. Logins are throttled per user and per address, and every outcome is
 * audited. Thread-safe.
 */
public final class AuthApi {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");
  private static final int MIN_PASSWORD = 10;
  private static final int MAX_PASSWORD = 256;

  private final UserStore users;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final RevokedTokens revoked;
  private final LoginThrottle throttle;
  private final AuditTrail audit;
  private final Registration registration;
  private final Clock clock;

  /**
   * Creates the endpoints.
   *
   * @param users the user store
   * @param hasher the password hasher
   * @param tokens the token service
   * @param revoked the revocation list
   * @param throttle the login throttle
   * @param audit the audit log
   * @param registration the registration policy after the first user
   * @param clock the clock
   */
  public AuthApi(UserStore users, PasswordHasher hasher, TokenService tokens, RevokedTokens revoked,
      LoginThrottle throttle, AuditTrail audit, Registration registration, Clock clock) {
    this.users = users;
    this.hasher = hasher;
    this.tokens = tokens;
    this.revoked = revoked;
    this.throttle = throttle;
    this.audit = audit;
    this.registration = registration;
    this.clock = clock;
  }

  /**
   * Registers the endpoints.
   *
   * @param router the route table
   */
  public void register(Router router) {
    router.add("POST", "/api/v1/auth/register", Access.PUBLIC, this::registerUser);
    router.add("POST", "/api/v1/auth/login", Access.PUBLIC, this::login);
    router.add("POST", "/api/v1/auth/logout", Access.USER, this::logout);
    router.add("GET", "/api/v1/auth/me", Access.USER, r -> Response.ok(UserView.of(currentUser(r.caller()))));
  }

  private Response registerUser(Request request) {
    RegisterRequest body = request.body(RegisterRequest.class);
    Optional<Caller> caller = request.optionalCaller();
    if (!USERNAME.matcher(body.username()).matches()) {
      throw ApiException.invalidField("username",
          "must be 3-32 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    int length = body.password().codePointCount(0, body.password().length());
    if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
      throw ApiException.invalidField("password", "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
    if (body.password().toLowerCase(java.util.Locale.ROOT).contains(body.username())) {
      throw ApiException.invalidField("password", "must not contain the user name");
    }
    Role requested;
    try {
      requested = body.role() == null ? Role.USER : Role.parse(body.role());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField("role", e.getMessage());
    }
    String actor = caller.map(Caller::username).orElse("anonymous");
    int existing = users.count();
    if (existing > 0) {
      try {
        decideRole(existing, caller, requested); // refuse before spending a slow hash on the request
      } catch (ApiException e) {
        audit.record(actor, "auth.register", body.username(), "denied", request.remoteAddress(),
            Map.of("reason", e.code()));
        throw e;
      }
    }
    String hash = hasher.hash(body.password().toCharArray());
    User user;
    try {
      user = users.create(body.username(), hash, count -> decideRole(count, caller, requested), clock.instant());
    } catch (ApiException e) {
      audit.record(actor, "auth.register", body.username(), "denied", request.remoteAddress(),
          Map.of("reason", e.code()));
      throw e;
    }
    audit.record(actor, "auth.register", user.username(), "success", request.remoteAddress(),
        Map.of("role", user.role().wireName()));
    return Response.json(201, UserView.of(user));
  }

  private Role decideRole(int existingUsers, Optional<Caller> caller, Role requested) {
    if (existingUsers == 0) {
      return Role.ADMIN;
    }
    boolean admin = caller.map(Caller::isAdmin).orElse(false);
    if (admin) {
      return requested;
    }
    if (requested == Role.ADMIN) {
      throw ApiException.forbidden("only an admin can create another admin");
    }
    switch (registration) {
      case OPEN:
        return Role.USER;
      case CLOSED:
        throw ApiException.forbidden("registration is closed by the server configuration; ask an admin");
      default:
        if (caller.isEmpty()) {
          throw ApiException.unauthorized("registration needs an admin's access token");
        }
        throw ApiException.forbidden("only an admin can register users");
    }
  }

  private Response login(Request request) {
    LoginRequest body = request.body(LoginRequest.class);
    String address = request.remoteAddress();
    Optional<Duration> wait = throttle.check(body.username(), address);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      audit.record(body.username(), "auth.login", body.username(), "throttled", address, Map.of());
      throw new ApiException(429, "too_many_attempts",
          "too many failed logins; retry in " + seconds + " s", Map.of("retry_after_seconds", seconds));
    }
    Optional<User> user = users.find(body.username());
    char[] password = body.password().toCharArray();
    boolean ok;
    if (user.isPresent()) {
      ok = hasher.verify(password, user.get().passwordHash());
    } else {
      hasher.verifyDummy(password);
      ok = false;
    }
    if (!ok) {
      throttle.recordFailure(body.username(), address);
      audit.record(body.username(), "auth.login", body.username(), "failure", address, Map.of());
      throw ApiException.unauthorized("invalid user name or password");
    }
    throttle.recordSuccess(body.username());
    if (hasher.needsRehash(user.get().passwordHash())) {
      users.updatePasswordHash(user.get().id(), hasher.hash(password));
    }
    TokenService.IssuedToken token = tokens.issue(user.get());
    audit.record(user.get().username(), "auth.login", user.get().username(), "success", address, Map.of());
    return Response.ok(new TokenResponse(token.token(), "bearer", token.ttl().toSeconds(),
        UserView.of(user.get())));
  }

  private Response logout(Request request) {
    Caller caller = request.caller();
    revoked.revoke(caller.tokenId(), caller.tokenExpiresAt());
    audit.record(caller.username(), "auth.logout", caller.username(), "success", request.remoteAddress(), Map.of());
    return Response.empty(204);
  }

  private User currentUser(Caller caller) {
    return users.findById(caller.userId()).orElseThrow(() -> ApiException.unauthorized("unknown user"));
  }

  /**
   * The body of {@code POST /api/v1/auth/register}.
   *
   * @param username the login name
   * @param password the password
   * @param role {@code user} (default) or {@code admin}; only an admin may choose
   */
  public record RegisterRequest(String username, String password, String role) {
    /** Checks that the required fields are present. */
    public RegisterRequest {
      if (username == null) {
        throw new IllegalArgumentException("username is required");
      }
      if (password == null) {
        throw new IllegalArgumentException("password is required");
      }
    }

    /** Masks the password. */
    @Override
    public String toString() {
      return "RegisterRequest[" + username + ", role=" + role + "]";
    }
  }

  /**
   * The body of {@code POST /api/v1/auth/login}.
   *
   * @param username the login name
   * @param password the password
   */
  public record LoginRequest(String username, String password) {
    /** Checks that the fields are present and of sane size. */
    public LoginRequest {
      if (username == null || username.isEmpty() || username.length() > 64) {
        throw new IllegalArgumentException("username is required (at most 64 characters)");
      }
      if (password == null || password.isEmpty() || password.length() > 1024) {
        throw new IllegalArgumentException("password is required (at most 1024 characters)");
      }
    }

    /** Masks the password. */
    @Override
    public String toString() {
      return "LoginRequest[" + username + "]";
    }
  }

  /**
   * The answer to a successful login.
   *
   * @param accessToken the bearer token
   * @param tokenType always {@code bearer}
   * @param expiresIn seconds until the token expires
   * @param user the logged-in user
   */
  public record TokenResponse(String accessToken, String tokenType, long expiresIn, UserView user) {
    /** Masks the token. */
    @Override
    public String toString() {
      return "TokenResponse[" + user.username() + ", expires_in=" + expiresIn + "]";
    }
  }

  /**
   * A user as the API shows it.
   *
   * @param id the id
   * @param username the login name
   * @param role {@code admin} or {@code user}
   * @param createdAt when the user registered
   */
  public record UserView(String id, String username, String role, String createdAt) {
    /**
     * Converts a user.
     *
     * @param user the user
     * @return the view
     */
    public static UserView of(User user) {
      return new UserView(user.id(), user.username(), user.role().wireName(), user.createdAt().toString());
    }
  }
}
