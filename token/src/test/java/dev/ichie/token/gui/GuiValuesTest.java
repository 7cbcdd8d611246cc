package dev.ichie.token.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The window's rules that need no display: language, code groups, PIN rule and PIN delays. */
class GuiValuesTest {

  @Test
  void languageWhenLangGivenThenItElseEnglishOnlyForAnEnglishSystem() {
    assertThat(GuiSettings.language("en", Locale.JAPAN)).isEqualTo(Locale.ENGLISH);
    assertThat(GuiSettings.language("JA", Locale.US)).isEqualTo(Locale.JAPANESE);
    assertThat(GuiSettings.language(null, Locale.US)).isEqualTo(Locale.ENGLISH);
    assertThat(GuiSettings.language(null, Locale.UK)).isEqualTo(Locale.ENGLISH);
    assertThat(GuiSettings.language(null, Locale.JAPAN)).isEqualTo(Locale.JAPANESE);
    assertThat(GuiSettings.language(null, Locale.GERMANY)).isEqualTo(Locale.JAPANESE);
    assertThatThrownBy(() -> GuiSettings.language("fr", Locale.US))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("language must be ja or en, not fr");
  }

  @Test
  void groupedWhenSixOrEightDigitsThenTwoHalves() {
    assertThat(CodeFormat.grouped("003784")).isEqualTo("003 784");
    assertThat(CodeFormat.grouped("94287082")).isEqualTo("9428 7082");
    assertThat(CodeFormat.grouped("1234567")).isEqualTo("123 4567");
    assertThat(CodeFormat.grouped("123")).isEqualTo("123");
  }

  @Test
  void pinRuleWhenSixToEightDigitsThenAcceptedFullWidthToo() {
    assertThat(AppLockScreen.digits("123456".toCharArray())).isTrue();
    assertThat(AppLockScreen.digits("12345678".toCharArray())).isTrue();
    assertThat(AppLockScreen.digits("１２３４５６".toCharArray())).isTrue();
    assertThat(AppLockScreen.digits("12345".toCharArray())).isFalse();
    assertThat(AppLockScreen.digits("123456789".toCharArray())).isFalse();
    assertThat(AppLockScreen.digits("12345a".toCharArray())).isFalse();
    assertThat(AppLockScreen.digits(new char[0])).isFalse();
  }

  @Test
  void delayWhenWrongPinsBeyondFreeTriesThenDoublesUpToTheLongest() {
    PinBackoff backoff = PinBackoff.DEFAULT;
    assertThat(backoff.delayAfter(1)).isZero();
    assertThat(backoff.delayAfter(2)).isZero();
    assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(10));
    assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(20));
    assertThat(backoff.delayAfter(9)).isEqualTo(Duration.ofSeconds(300));
    assertThat(backoff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void backoffWhenBuiltBadlyThenFailsWithTheRule() {
    assertThatThrownBy(() -> new PinBackoff(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessage("threshold must be at least 1, not 0");
    assertThatThrownBy(() -> new PinBackoff(3, Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessage("first must be positive, not PT0S");
    assertThatThrownBy(() -> new PinBackoff(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("longest must be at least first (PT2S)");
  }
}
