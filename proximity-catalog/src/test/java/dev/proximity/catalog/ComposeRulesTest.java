package dev.proximity.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rules that keep a compose file from reaching outside its app: each case edits one line of the
 * valid demo compose.yaml and expects a refusal naming the field.
 */
class ComposeRulesTest {
  @TempDir Path tmp;

  private CatalogException load(String find, String replace) throws IOException {
    Path good = Fixtures.path("good/demo");
    Path demo = tmp.resolve("demo");
    Files.createDirectories(demo);
    Files.copy(good.resolve("app.yaml"), demo.resolve("app.yaml"));
    String compose = Files.readString(good.resolve("compose.yaml"));
    assertThat(compose).contains(find);
    Files.writeString(demo.resolve("compose.yaml"), compose.replace(find, replace));
    return catchThrowableOfType(CatalogException.class, () -> Catalogs.directory(tmp));
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "      - data:/data|      - data:/data\\n      - /opt/proximity/app:/x|services.web.volumes[1]",
      "      - data:/data|      - data:/data\\n      - /:/host|services.web.volumes[1]",
      "      - data:/data|      - data:/data\\n      - /srv/../opt/proximity:/x|services.web.volumes[1]",
      "      - data:/data|      - data:/data\\n      - {type: bind, source: ./app, target: /x}|services.web.volumes[1]",
      "  data: {}|  data: {driver_opts: {type: none, o: bind, device: /opt/proximity/app}}|volumes.data.driver_opts",
      "  data: {}|  data: {external: true}|volumes.data.external",
      "    content: \"<h1>${param:COUNT} ${param:CODE}</h1>\"|    file: ./secrets.json|configs.page",
      "    content: \"<h1>${param:COUNT} ${param:CODE}</h1>\"|    environment: HOME|configs.page",
      "command: [nginx, -g, \"daemon off;\", \"${param:NOTE}\"]|command: [\"${param:NOTE}\"]|services.web.command[0]",
      "command: [nginx, -g, \"daemon off;\", \"${param:NOTE}\"]|command: \"nginx ${param:NOTE}\"|services.web.command",
      "command: [nginx, -g, \"daemon off;\", \"${param:NOTE}\"]|entrypoint: [/bin/bash, -c]\\n    command: [\"${param:NOTE}\"]|services.web.command[0]",
      "      - \"demo.title=${param:TITLE}\"|      - \"${param:TITLE}=x\"|services.web.labels[0]",
      "    image: nginx:1.28.0-alpine|    image: nginx:${param:CODE}|services.web.image",
      "    image: nginx:1.28.0-alpine|    image: nginx:1.28.0-alpine\\n    container_name: fixed|services.web.container_name",
      "    image: nginx:1.28.0-alpine|    image: nginx:1.28.0-alpine\\n    env_file: .env|services.web.env_file",
      "    image: nginx:1.28.0-alpine|    image: nginx@sha256:abc|services.web.image",
      "      TITLE: ${param:TITLE}|      TITLE: ${param:TITLE\\n      X: 1|services.web.environment.TITLE",
      "      TITLE: ${param:TITLE}|      TITLE: ${param:title}|services.web.environment.TITLE",
      "      TITLE: ${param:TITLE}|      ${param:TITLE}: x|services.web.environment.${param:TITLE}",
      "    ports:\\n      - \"80:80\"|    ports:\\n      - \"8000-8010:8000-8010\"|services.web.ports[0]",
      "      TITLE: ${param:TITLE}|      TITLE: !custom ${param:TITLE}|services.web.environment.TITLE",
      "      TITLE: ${param:TITLE}|      TITLE: !!binary aGVsbG8=|services.web.environment.TITLE",
      "services:|name: other\\nservices:|name"})
  void load_composeEscapingItsApp_isRefused(String find, String replace, String field)
      throws IOException {
    CatalogException e = load(find.replace("\\n", "\n"), replace.replace("\\n", "\n"));

    assertThat(e).as(replace).isNotNull();
    assertThat(e.file()).hasValue("demo/compose.yaml");
    assertThat(e.field()).hasValue(field);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "    image: nginx:1.28.0-alpine|    image: registry.example.com:5000/team/nginx:1.28.0-alpine",
      "    image: nginx:1.28.0-alpine|    image: nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      "      - data:/data|      - data:/data\\n      - /mnt/media:/media:ro",
      "      - data:/data|      - data:/data\\n      - /var/run/docker.sock:/var/run/docker.sock",
      "    ports:\\n      - \"80:80\"|    ports:\\n      - \"80:80\"\\n      - \"9000\"\\n      - \"127.0.0.1::81\"",
      "    ports:\\n      - \"80:80\"|    ports:\\n      - {target: 80, published: \"80\", protocol: tcp}",
      "services:|name: demo\\nservices:"})
  void load_acceptableVariants_load(String find, String replace) throws IOException {
    assertThat(load(find.replace("\\n", "\n"), replace.replace("\\n", "\n"))).isNull();
  }
}
