package dev.ichie.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every text of the pages is a message key in both languages: the two message files have the same
 * keys, every key a template names exists, and no template holds text of its own.
 */
class MessagesTest {

  static final Path RESOURCES = Path.of("src/main/resources");

  /** Text that stays as it is in every language: the names of the languages themselves. */
  static final Set<String> ALLOWED_LITERALS = Set.of("日本語", "English", "Ichie");

  static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(RESOURCES.resolve(name))) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  static List<Path> templates() throws IOException {
    try (Stream<Path> s = Files.walk(RESOURCES.resolve("templates"))) {
      return s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
  }

  @Test
  void messageFilesWhenComparedThenSameKeysInBoth() throws IOException {
    Set<String> en = new TreeSet<>(load("messages.properties").stringPropertyNames());
    Set<String> ja = new TreeSet<>(load("messages_ja.properties").stringPropertyNames());
    Set<String> onlyEn = new TreeSet<>(en);
    onlyEn.removeAll(ja);
    Set<String> onlyJa = new TreeSet<>(ja);
    onlyJa.removeAll(en);
    assertThat(onlyEn).as("keys missing from messages_ja.properties").isEmpty();
    assertThat(onlyJa).as("keys missing from messages.properties").isEmpty();
    assertThat(en).hasSizeGreaterThan(100);
  }

  @Test
  void templatesWhenScannedThenEveryNamedKeyExists() throws IOException {
    Properties en = load("messages.properties");
    Pattern key = Pattern.compile("#\\{([A-Za-z0-9_.]+)");
    List<String> missing = new ArrayList<>();
    for (Path t : templates()) {
      Matcher m = key.matcher(Files.readString(t));
      while (m.find()) {
        if (!en.containsKey(m.group(1))) {
          missing.add(t.getFileName() + ": " + m.group(1));
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void templatesWhenScannedThenNoHardCodedText() throws IOException {
    // Text between tags must belong to an element whose th:text replaces it.
    Pattern text = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>([^<>]*[^\\s<>][^<>]*)</\\1>");
    List<String> found = new ArrayList<>();
    for (Path t : templates()) {
      for (String line : Files.readAllLines(t)) {
        Matcher m = text.matcher(line);
        while (m.find()) {
          String attributes = m.group(2);
          String content = m.group(3).strip();
          boolean replaced = attributes.contains("th:text") || attributes.contains("th:utext");
          if (!replaced && !ALLOWED_LITERALS.contains(content)) {
            found.add(t.getFileName() + ": " + content);
          }
        }
      }
    }
    assertThat(found).as("hard-coded text in templates").isEmpty();
  }

  @Test
  void hardCodedTextCheckWhenTextPresentThenFindsIt() {
    Pattern text = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)([^<>]*)>([^<>]*[^\\s<>][^<>]*)</\\1>");
    Matcher bad = text.matcher("<p class=\"x\">ログイン</p>");
    assertThat(bad.find()).isTrue();
    assertThat(bad.group(2)).doesNotContain("th:text");
    Matcher good = text.matcher("<p th:text=\"#{login.title}\">ログイン</p>");
    assertThat(good.find()).isTrue();
    assertThat(good.group(2)).contains("th:text");
  }
}
