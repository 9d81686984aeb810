package dev.proximity.tests.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the docs true: every {@code <!-- snippet:NAME -->} block in docs/getting-started.md and
 * docs/api-guide.md equals the region NAME of {@link DocExamples}, which DocExamplesTest runs.
 */
class DocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path EXAMPLES = ROOT.resolve(
      "proximity-tests/src/test/java/dev/proximity/tests/docs/DocExamples.java");
  private static final Pattern SNIPPET = Pattern.compile(
      "<!-- snippet:([a-z-]+) -->\\s*\\n```java\\n(.*?)```", Pattern.DOTALL);

  static Map<String, String> regions() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(EXAMPLES);
    String name = null;
    List<String> body = new ArrayList<>();
    for (String line : lines) {
      String t = line.trim();
      if (t.startsWith("// region:")) {
        name = t.substring("// region:".length());
        body.clear();
      } else if (t.equals("// endregion") && name != null) {
        regions.put(name, dedent(body));
        name = null;
      } else if (name != null) {
        body.add(line);
      }
    }
    return regions;
  }

  static String dedent(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return sb.toString();
  }

  @Test
  void docs_quoteTheCompiledExamplesVerbatim() throws IOException {
    Map<String, String> regions = regions();
    assertThat(regions).isNotEmpty();
    List<String> used = new ArrayList<>();
    for (String doc : List.of("docs/getting-started.md", "docs/api-guide.md")) {
      String text = Files.readString(ROOT.resolve(doc));
      Matcher m = SNIPPET.matcher(text);
      int count = 0;
      while (m.find()) {
        count++;
        String name = m.group(1);
        assertThat(regions).as(doc + " quotes an unknown region").containsKey(name);
        assertThat(m.group(2)).as(doc + " snippet " + name).isEqualTo(regions.get(name));
        used.add(name);
      }
      assertThat(count).as(doc + " has snippets").isPositive();
    }
    assertThat(used).as("every example region is quoted").containsAll(regions.keySet());
  }

  /** Prints the docs' snippet blocks from the examples; run by hand after editing examples. */
  public static void main(String[] args) throws IOException {
    regions().forEach((k, v) -> System.out.println("<!-- snippet:" + k + " -->\n```java\n" + v
        + "```\n"));
  }
}
