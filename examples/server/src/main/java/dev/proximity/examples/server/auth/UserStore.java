package dev.proximity.examples.server.auth;

import dev.proximity.examples.server.http.ApiException;
import dev.proximity.examples.server.http.JsonCodec;
import dev.proximity.examples.server.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The registered users, kept in memory and persisted to {@code users.json} in the data directory
 * (mode 0600, atomic replace on every change).
 *
 * <p>Thread-safe: changes are serialised, so "the first user becomes admin" holds under concurrent
 * registrations.
 */
public final class UserStore {
  private final Path file;
  private final JsonCodec json;
  private final Map<String, User> byName = new LinkedHashMap<>();

  /**
   * Opens the store, reading the file if it exists.
   *
   * @param file the users file
   * @param json the codec
   * @throws UncheckedIOException if an existing file cannot be read
   */
  public UserStore(Path file, JsonCodec json) {
    this.file = file;
    this.json = json;
    if (Files.exists(file)) {
      try {
        StoredUsers stored = json.read(Files.readAllBytes(file), StoredUsers.class);
        for (StoredUser u : stored.users()) {
          User user = new User(u.id(), u.username(), Role.parse(u.role()), u.passwordHash(),
              Instant.parse(u.createdAt()));
          byName.put(user.username(), user);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the users file " + file, e);
      }
    }
  }

  /**
   * Creates a user; the role is decided under the store's lock, so that exactly one first user
   * becomes admin.
   *
   * @param username the validated login name
   * @param passwordHash the encoded hash
   * @param role decides the role from the number of existing users
   * @param now the creation time
   * @return the new user
   * @throws ApiException 409 if the name is taken
   */
  public synchronized User create(String username, String passwordHash, Function<Integer, Role> role, Instant now) {
    if (byName.containsKey(username)) {
      throw ApiException.conflict("the user name '" + username + "' is taken", Map.of("field", "username"));
    }
    User user = new User(UUID.randomUUID().toString(), username, role.apply(byName.size()), passwordHash, now);
    byName.put(username, user);
    try {
      persist();
    } catch (UncheckedIOException e) {
      byName.remove(username);
      throw e;
    }
    return user;
  }

  /**
   * Replaces a user's password hash (after a rehash at login).
   *
   * @param userId the user id
   * @param passwordHash the new hash
   */
  public synchronized void updatePasswordHash(String userId, String passwordHash) {
    findById(userId).ifPresent(u -> {
      byName.put(u.username(), new User(u.id(), u.username(), u.role(), passwordHash, u.createdAt()));
      persist();
    });
  }

  /**
   * Finds a user by login name.
   *
   * @param username the name
   * @return the user, or empty
   */
  public synchronized Optional<User> find(String username) {
    return Optional.ofNullable(byName.get(username));
  }

  /**
   * Finds a user by id.
   *
   * @param id the id
   * @return the user, or empty
   */
  public synchronized Optional<User> findById(String id) {
    return byName.values().stream().filter(u -> u.id().equals(id)).findFirst();
  }

  /** @return every user, oldest first */
  public synchronized List<User> list() {
    List<User> users = new ArrayList<>(byName.values());
    users.sort(Comparator.comparing(User::createdAt));
    return users;
  }

  /** @return the number of users */
  public synchronized int count() {
    return byName.size();
  }

  private void persist() {
    List<StoredUser> users = new ArrayList<>();
    for (User u : byName.values()) {
      users.add(new StoredUser(u.id(), u.username(), u.role().wireName(), u.passwordHash(),
          u.createdAt().toString()));
    }
    try {
      AtomicFiles.write(file, json.encode(new StoredUsers(users)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the users file " + file, e);
    }
  }

  /** The file format. */
  record StoredUsers(List<StoredUser> users) {}

  /** One user in the file. */
  record StoredUser(String id, String username, String role, String passwordHash, String createdAt) {
    @Override
    public String toString() {
      return "StoredUser[" + username + "]";
    }
  }
}
