package dev.proximity.tests.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the docs true. In README.md and every docs/*.md page, every {@code ```java} block is
 * preceded by a {@code <!-- snippet:NAME -->} marker and equals the region NAME of one of the
 * compiled {@code *Examples.java} files of this package (DocExamplesTest runs them; a JShell
 * transcript is compared by its {@code jshell> } input lines, its output is not checked); every region
 * is quoted somewhere; and every relative link resolves to a file (and heading, for anchors).
 */
class DocsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path EXAMPLES_DIR =
      ROOT.resolve("proximity-tests/src/test/java/dev/proximity/tests/docs");
  /** A java block holding a JShell transcript is checked by its input lines only. */
  private static final String PROMPT = "jshell> ";
  private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9-]+");
  private static final Pattern FENCE_OPEN = Pattern.compile("^(\\s*)```\\s*([A-Za-z0-9_+-]*)\\s*$");
  private static final Pattern MARKER = Pattern.compile("^\\s*<!-- snippet:([a-z0-9-]+) -->\\s*$");
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  /**
   * Pages other branches are still adding (pages docs/README.md lists);
   * links to them are tolerated while they are missing. Remove an entry once its page is on main.
   */
  private static final Set<String> PENDING_PAGES =
      Set.of();
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

  /** A fenced block of a Markdown page. */
  record Block(String doc, int line, String lang, String indent, String body, String marker) {}

  static List<Path> exampleFiles() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES_DIR)) {
      return files.filter(p -> p.getFileName().toString().endsWith("Examples.java")).sorted()
          .collect(Collectors.toList());
    }
  }

  static List<Path> docs() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  static String rel(Path p) {
    return ROOT.relativize(p).toString().replace('\\', '/');
  }

  static Map<String, String> regions() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    for (Path file : exampleFiles()) {
      String name = null;
      List<String> body = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        String t = line.trim();
        if (t.startsWith("// region:")) {
          assertThat(name).as(file.getFileName() + ": region inside region " + name).isNull();
          name = t.substring("// region:".length());
          assertThat(name).as(file.getFileName() + ": region name").matches(REGION_NAME);
          body.clear();
        } else if (t.equals("// endregion") && name != null) {
          assertThat(regions).as("region " + name + " is defined twice").doesNotContainKey(name);
          regions.put(name, dedent(body));
          name = null;
        } else if (name != null) {
          body.add(line);
        }
      }
      assertThat(name).as(file.getFileName() + ": region not closed").isNull();
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

  /** The fenced blocks of a page, with the snippet marker that precedes each, if any. */
  static List<Block> blocks(Path doc) throws IOException {
    List<String> lines = Files.readAllLines(doc);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE_OPEN.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      String indent = open.group(1);
      int start = i;
      List<String> body = new ArrayList<>();
      i++;
      while (i < lines.size() && !lines.get(i).matches(Pattern.quote(indent) + "```\\s*")) {
        String l = lines.get(i);
        body.add(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading());
        i++;
      }
      assertThat(i).as(rel(doc) + ":" + (start + 1) + " fence is closed").isLessThan(lines.size());
      String marker = null;
      int j = start - 1;
      while (j >= 0 && lines.get(j).isBlank()) {
        j--;
      }
      if (j >= 0) {
        Matcher m = MARKER.matcher(lines.get(j));
        marker = m.matches() ? m.group(1) : null;
      }
      if (body.stream().anyMatch(l -> l.startsWith(PROMPT))) {      // a JShell transcript
        body = body.stream().filter(l -> l.startsWith(PROMPT))
            .map(l -> l.substring(PROMPT.length())).collect(Collectors.toList());
      }
      StringBuilder sb = new StringBuilder();
      body.forEach(l -> sb.append(l.isBlank() ? "" : l).append('\n'));
      blocks.add(new Block(rel(doc), start + 1, open.group(2), indent, sb.toString(), marker));
    }
    return blocks;
  }

  @Test
  void everyJavaBlock_quotesACompiledExampleVerbatim() throws IOException {
    Map<String, String> regions = regions();
    assertThat(regions).isNotEmpty();
    Set<String> used = new HashSet<>();
    List<String> problems = new ArrayList<>();
    Map<String, Integer> snippetsPerDoc = new HashMap<>();
    for (Path doc : docs()) {
      for (Block b : blocks(doc)) {
        String where = b.doc() + ":" + b.line();
        if (b.marker() != null && !b.lang().equals("java")) {
          problems.add(where + ": snippet marker before a non-java block");
        }
        if (!b.lang().equals("java")) {
          continue;
        }
        if (b.marker() == null) {
          problems.add(where + ": java block without a <!-- snippet:NAME --> marker");
        } else if (!regions.containsKey(b.marker())) {
          problems.add(where + ": quotes unknown region " + b.marker());
        } else if (!regions.get(b.marker()).equals(b.body())) {
          problems.add(where + ": snippet " + b.marker() + " differs from its region:\n--- doc\n"
              + b.body() + "--- region\n" + regions.get(b.marker()));
        } else {
          used.add(b.marker());
          snippetsPerDoc.merge(b.doc(), 1, Integer::sum);
        }
      }
    }
    assertThat(problems).as("docs' java blocks").isEmpty();
    assertThat(snippetsPerDoc).as("pages with snippets")
        .containsKeys("docs/getting-started.md", "docs/api-guide.md");
    assertThat(regions.keySet()).as("every example region is quoted by a doc")
        .allMatch(used::contains, "is quoted");
  }

  @Test
  void everyRelativeLink_resolves() throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path doc : docs()) {
      for (String target : links(doc)) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          continue;                                        // http:, https:, mailto:
        }
        checked++;
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
        if (!Files.exists(file) && PENDING_PAGES.contains(rel(file))) {
          System.out.println("DocsTest: " + rel(doc) + " links to pending page " + rel(file));
        } else if (!file.startsWith(ROOT) || !Files.exists(file)) {
          problems.add(rel(doc) + ": link " + target + ": no such file");
        } else if (anchor != null && !anchor.isEmpty() && file.toString().endsWith(".md")
            && !anchors(file).contains(anchor)) {
          problems.add(rel(doc) + ": link " + target + ": no heading #" + anchor + " in "
              + rel(file));
        }
      }
    }
    assertThat(problems).as("broken relative links").isEmpty();
    assertThat(checked).as("relative links checked").isPositive();
  }

  /** Link targets of a page outside code blocks and code spans. */
  static List<String> links(Path doc) throws IOException {
    List<String> targets = new ArrayList<>();
    boolean inFence = false;
    String fenceIndent = "";
    for (String line : Files.readAllLines(doc)) {
      Matcher open = FENCE_OPEN.matcher(line);
      if (!inFence && open.matches()) {
        inFence = true;
        fenceIndent = open.group(1);
        continue;
      }
      if (inFence) {
        inFence = !line.matches(Pattern.quote(fenceIndent) + "```\\s*");
        continue;
      }
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
      while (m.find()) {
        targets.add(m.group(1));
      }
    }
    return targets;
  }

  /** GitHub-style anchors of a page's headings. */
  static Set<String> anchors(Path doc) throws IOException {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inFence = false;
    for (String line : Files.readAllLines(doc)) {
      if (line.stripLeading().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      Matcher h = HEADING.matcher(line);
      if (inFence || !h.matches()) {
        continue;
      }
      String slug = h.group(1).toLowerCase(Locale.ROOT)
          .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
          .replaceAll("[^\\p{L}\\p{N} _-]", "")
          .replace(' ', '-');
      int n = seen.merge(slug, 1, Integer::sum) - 1;
      anchors.add(n == 0 ? slug : slug + "-" + n);
    }
    return anchors;
  }

  /** Prints the snippet blocks of all regions; run by hand after editing examples. */
  public static void main(String[] args) throws IOException {
    regions().forEach((k, v) -> System.out.println("<!-- snippet:" + k + " -->\n```java\n" + v
        + "```\n"));
  }
}
