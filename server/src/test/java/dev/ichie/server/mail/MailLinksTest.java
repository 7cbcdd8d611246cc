package dev.ichie.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MailLinksTest {

  @Test
  void partsWhenBodyHasAddressesThenEachIsALinkUpToSpaceOrJapanesePunctuation() {
    var parts =
        MailLinks.parts(
            "こちらから：\nhttps://bank.example.jp/app/?serviceId=demo。\n（http://127.0.0.1:8080/app/）終");

    assertThat(parts)
        .containsExactly(
            new MailLinks.Part("こちらから：\n", false),
            new MailLinks.Part("https://bank.example.jp/app/?serviceId=demo", true),
            new MailLinks.Part("。\n（", false),
            new MailLinks.Part("http://127.0.0.1:8080/app/", true),
            new MailLinks.Part("）終", false));
  }

  @Test
  void partsWhenNoAddressOrOnlyASchemeLikeWordThenAllText() {
    assertThat(MailLinks.parts("javascript:alert(1) ftp://x mailto:a@b"))
        .containsExactly(new MailLinks.Part("javascript:alert(1) ftp://x mailto:a@b", false));
    assertThat(MailLinks.parts("")).isEmpty();
  }
}
