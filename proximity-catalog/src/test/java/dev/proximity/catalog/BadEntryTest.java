package dev.proximity.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture under fixtures/bad is the valid demo entry with one rule broken; each must be
 * refused with the file, the field and the rule in the message.
 */
class BadEntryTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // fixture, file, field, words of the rule
        Arguments.of("unknown-key", "demo/app.yaml", "ports[0].protocoll", "unknown key 'protocoll'"),
        Arguments.of("unknown-top-level-key", "demo/app.yaml", "homepge", "unknown key 'homepge'"),
        Arguments.of("unknown-compose-key", "demo/compose.yaml", "includes", "unknown or unsupported top-level key"),
        Arguments.of("image-latest", "demo/compose.yaml", "services.web.image", "'nginx:latest' is not pinned"),
        Arguments.of("image-no-tag", "demo/compose.yaml", "services.web.image", "is not pinned (no tag"),
        Arguments.of("image-floating-tag", "demo/compose.yaml", "services.web.image", "floating tag 'alpine'"),
        Arguments.of("undeclared-parameter", "demo/compose.yaml", "services.web.environment.MISSING", "'UNDECLARED' is referenced but not declared"),
        Arguments.of("unused-parameter", "demo/app.yaml", "parameters[8].name", "'CODE' is declared but never used"),
        Arguments.of("duplicate-port", "demo/app.yaml", "ports[1].port", "duplicate port 80/tcp"),
        Arguments.of("duplicate-published-port", "demo/compose.yaml", "services.web.ports[1]", "duplicate port 80/tcp"),
        Arguments.of("port-out-of-range", "demo/app.yaml", "ports[0].port", "port 70000 is out of range 1..65535"),
        Arguments.of("published-port-out-of-range", "demo/compose.yaml", "services.web.ports[1]", "65536 is out of range"),
        Arguments.of("published-port-undeclared", "demo/compose.yaml", "services.web.ports[1]", "8443/tcp is published but not declared"),
        Arguments.of("secret-with-default", "demo/app.yaml", "parameters[2].default", "a secret parameter must not have a default value"),
        Arguments.of("regenerate-not-secret", "demo/app.yaml", "parameters[0].regenerateOnClone", "applies to secret parameters only"),
        Arguments.of("regenerate-not-generated", "demo/app.yaml", "parameters[2].regenerateOnClone", "applies to generated secrets only"),
        Arguments.of("password-not-secret", "demo/app.yaml", "parameters[2].secret", "type password must be secret"),
        Arguments.of("id-not-hostname", "Demo_App/app.yaml", "id", "not a valid hostname label"),
        Arguments.of("id-too-long", "a".repeat(64) + "/app.yaml", "id", "not a valid hostname label"),
        Arguments.of("id-reserved-prefix", "px-demo/app.yaml", "id", "reserved for the tags"),
        Arguments.of("id-not-folder", "demo/app.yaml", "id", "must equal the entry's folder name"),
        Arguments.of("service-not-hostname", "demo/compose.yaml", "services.web_1", "not a valid hostname label"),
        Arguments.of("parameter-in-image-port", "demo/compose.yaml", "services.web.ports[1]", "parameters cannot be used in ports"),
        Arguments.of("parameter-in-shell", "demo/compose.yaml", "services.web.command[2]", "a shell interprets"),
        Arguments.of("bare-dollar", "demo/compose.yaml", "services.web.environment.LITERAL_DOLLAR", "a bare '$'"),
        Arguments.of("yaml-anchor", "demo/compose.yaml", "services.web.environment.TITLE2", "anchor or alias"),
        Arguments.of("duplicate-key", "demo/compose.yaml", "services.web.environment.TITLE", "Duplicate field 'TITLE'"),
        Arguments.of("build-refused", "demo/compose.yaml", "services.web.build", "never built"),
        Arguments.of("relative-bind", "demo/compose.yaml", "services.web.volumes[1]", "relative bind mount './secrets'"),
        Arguments.of("wrong-type", "demo/app.yaml", "version", "wrong type: expected a string"),
        Arguments.of("healthcheck-conflict", "demo/compose.yaml", "services.web.healthcheck", "conflicts with healthCheck"),
        Arguments.of("content-without-pattern", "demo/compose.yaml", "configs.page.content", "give it a pattern"),
        Arguments.of("default-breaks-pattern", "demo/app.yaml", "parameters[8].default", "does not match the pattern"),
        Arguments.of("volume-undeclared", "demo/app.yaml", "volumes[1].name", "'logs' is not declared"),
        Arguments.of("missing-compose", "demo/compose.yaml", null, "is missing"),
        Arguments.of("missing-required-field", "demo/app.yaml", "category", "is required"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void directory_withBrokenRule_refusesNamingFileFieldAndRule(
      String fixture, String file, String field, String rule) {
    CatalogException e = catchThrowableOfType(CatalogException.class,
        () -> Catalogs.directory(Fixtures.path("bad/" + fixture)));

    assertThat(e).as(fixture).isNotNull();
    assertThat(e.file()).hasValue(file);
    if (field == null) {
      assertThat(e.field()).isEmpty();
    } else {
      assertThat(e.field()).hasValue(field);
      assertThat(e.getMessage()).contains("field " + field);
    }
    assertThat(e.rule()).contains(rule);
    assertThat(e.getMessage()).contains(file).contains(rule);
  }

  @Test
  void cases_coverEveryFixtureFolder() throws Exception {
    try (Stream<Path> dirs = Files.list(Fixtures.path("bad"))) {
      assertThat(dirs.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(cases().map(a -> (String) a.get()[0]).toList());
    }
  }

  @Test
  void secretWithDefault_messageDoesNotLeakTheDefault() {
    CatalogException e = catchThrowableOfType(CatalogException.class,
        () -> Catalogs.directory(Fixtures.path("bad/secret-with-default")));

    assertThat(e.getMessage()).doesNotContain("hunter2");
  }
}
