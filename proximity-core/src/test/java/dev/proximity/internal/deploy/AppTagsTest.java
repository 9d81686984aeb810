package dev.proximity.internal.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proximity.AppManifest;
import dev.proximity.pve.model.Tags;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppTagsTest {

  private static AppManifest manifest(String catalogId, String version, String owner) {
    return new AppManifest(catalogId, version, Map.of(), "", Instant.EPOCH,
        Optional.ofNullable(owner));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.27.3", "alice", "Alice@Example.COM", "v2+build.7",
      "ünïcödé ✓ 😀", "a;b,c d", "+41", "+zz", "../../etc/passwd", "-lead", "x\ny\tz\u0000",
      "DROP TABLE apps;--", "日本語", "px-version-1"})
  void encode_roundTrips_andIsAValidLowerCaseTag(String text) {
    String encoded = AppTags.encode(text);

    assertThat(AppTags.decode(encoded)).contains(text);
    assertThat(encoded).matches("[a-z0-9_\\-+.]*").doesNotContain(";", ",", " ");
    // Proxmox folds tags to lower case; the encoding must survive that and the pattern check
    assertThat(Tags.parse("px-version-" + encoded.toUpperCase()).values())
        .containsExactly("px-version-" + encoded);
  }

  @Test
  void encode_escapesUpperCaseAndAtSign_soDifferentTextsGiveDifferentTags() {
    assertThat(AppTags.encode("Alice@x")).isEqualTo("+41lice+40x");
    assertThat(AppTags.encode("alice")).isNotEqualTo(AppTags.encode("Alice"));
    assertThat(AppTags.encode("1.0+1")).isEqualTo("1.0+2b1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"+", "+4", "+g1", "abc+", "+ff", "+c3", "+٣٣"})
  void decode_refusesWhatEncodeNeverWrites(String tag) {
    assertThat(AppTags.decode(tag)).isEmpty();
  }

  @Test
  void of_mirrorsTheManifest_andTheTagsReadItBack() {
    List<String> tags = AppTags.of(manifest("hello", "1.0.0", "Bob@Example.com"));

    assertThat(tags).containsExactly("proximity", "hello", "px-catalog-hello",
        "px-version-1.0.0", "px-owner-+42ob+40+45xample.com");
    assertThat(new Tags(tags).render()).isEqualTo(String.join(";", tags));
    Set<String> read = Set.copyOf(tags);
    assertThat(AppTags.catalogId(read)).contains("hello");
    assertThat(AppTags.version(read)).contains("1.0.0");
    assertThat(AppTags.owner(read)).contains("Bob@Example.com");
    assertThat(AppTags.of(manifest("hello", "1", null))).noneMatch(t -> t.startsWith("px-owner-"));
  }

  @Test
  void read_handMadeAndOldTags_givesWhatTheySaySafely() {
    // tagged by hand: an app, nothing more
    assertThat(AppTags.catalogId(Set.of("proximity"))).isEmpty();
    assertThat(AppTags.version(Set.of("proximity"))).isEmpty();
    assertThat(AppTags.owner(Set.of("proximity"))).isEmpty();
    // deployed by a pre-release build: the plain catalog tag is the only other tag
    assertThat(AppTags.catalogId(Set.of("proximity", "nginx"))).contains("nginx");
    // user tags beside such an app: which is the catalog cannot be told, so none is guessed
    assertThat(AppTags.catalogId(Set.of("proximity", "nginx", "prod"))).isEmpty();
    // the exact tag wins over user tags
    assertThat(AppTags.catalogId(Set.of("proximity", "nginx", "prod", "px-catalog-nginx")))
        .contains("nginx");
    // two versions (a hand edit) or a broken encoding: none rather than a guess
    assertThat(AppTags.version(Set.of("px-version-1", "px-version-2"))).isEmpty();
    assertThat(AppTags.owner(Set.of("px-owner-+zz"))).isEmpty();
  }

  @Test
  void replace_swapsOurTags_andKeepsTheUsersOwn() {
    List<String> old = AppTags.of(manifest("hello", "1.0.0", "alice"));
    List<String> current = new ArrayList<>(old);
    current.add("prod");

    String next = AppTags.replace(current, manifest("hello", "1.1.0", "alice"));

    assertThat(Tags.parse(next).values()).containsExactly("proximity", "hello",
        "px-catalog-hello", "px-version-1.1.0", "px-owner-alice", "prod");
    // such an app gains the listing tags and loses nothing of the user's
    assertThat(Tags.parse(AppTags.replace(Set.of("proximity", "hello"),
        manifest("hello", "1.0.0", null))).values())
        .containsExactly("proximity", "hello", "px-catalog-hello", "px-version-1.0.0");
  }
}
