package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TextsTest {

  private static Properties load(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = TextsTest.class.getResourceAsStream("/dev/ichie/token/" + name)) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void bundlesWhenComparedThenHaveTheSameKeys() throws IOException {
    assertThat(load("messages_ja.properties").keySet())
        .containsExactlyInAnyOrderElementsOf(load("messages.properties").keySet());
  }

  @Test
  void everyProblemWhenDescribedThenHasATextInBothLanguages() {
    for (Problem problem : Problem.values()) {
      TokenException e = new TokenException(problem, "test", "x");
      for (Locale locale : new Locale[] {Locale.ENGLISH, Locale.JAPANESE}) {
        if (problem == Problem.RATE_LIMITED) {
          e = new TokenException(problem, "test", 5L);
        }
        assertThat(Texts.of(locale).describe(e)).as(problem + " " + locale).isNotBlank();
      }
    }
  }

  @Test
  void everyTextWhenFormattedThenHasNoStrayQuotesOrBraces() throws IOException {
    for (String file : new String[] {"messages.properties", "messages_ja.properties"}) {
      Properties p = load(file);
      Texts texts = Texts.of(file.contains("_ja") ? Locale.JAPANESE : Locale.ENGLISH);
      for (String key : p.stringPropertyNames()) {
        if (key.startsWith("usage.")
            || key.contains(".usage.")
            || key.startsWith("option.")
            || key.startsWith("mixinStandardHelpOptions.")) {
          continue; // picocli's format, not MessageFormat
        }
        String text = texts.get(key, 1L, 2L, 3L, 4L, 5L);
        assertThat(text).as(file + " " + key).doesNotContain("{").doesNotContain("}");
      }
    }
  }

  @Test
  void japaneseWhenShownThenUsesTheSeedsWords() {
    Texts ja = Texts.of(Locale.JAPANESE);
    assertThat(ja.get("problem.activation_failed"))
        .contains("サービスID")
        .contains("ユーザーID")
        .contains("利用開始パスワード");
    assertThat(ja.get("cli.activated.app_lock")).contains("アプリロック");
    assertThat(ja.get("clock.off.behind", "1分")).contains("日時が正しくないと、正常に動作しない");
    assertThat(ja.get("cli.activated.next")).contains("ワンタイムパスワード利用開始");
  }

  @Test
  void localeWhenNotJapaneseThenEnglishEvenIfDefaultIsJapanese() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.JAPAN);
      assertThat(Texts.of(Locale.FRENCH).get("problem.wrong_pin")).isEqualTo("Wrong PIN.");
      assertThat(Texts.of(Locale.JAPAN).get("problem.wrong_pin")).isEqualTo("PIN が正しくありません。");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void durationWhenShownThenRoundedToTheSecond() {
    assertThat(Texts.of(Locale.ENGLISH).duration(Duration.ofMillis(-89_600)))
        .isEqualTo("1 min 30 s");
    assertThat(Texts.of(Locale.JAPANESE).duration(Duration.ofSeconds(3725))).isEqualTo("1時間2分5秒");
    assertThat(Texts.of(Locale.ENGLISH).duration(Duration.ofMillis(400))).isEqualTo("0 s");
  }
}
