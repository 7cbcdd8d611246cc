package dev.ichie.server.factor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** The check the demo accounts' tests share: each published hash is its password's, made today. */
public final class PublishedPasswords {

  private PublishedPasswords() {}

  /**
   * Asserts that every hash matches its password and no other, with today's parameters.
   *
   * @param passwords the published passwords
   */
  public static void assertHashesMatch(List<PublishedPassword> passwords) {
    PasswordHashing hashing = PasswordHashingTest.newHashing();
    for (PublishedPassword p : passwords) {
      assertThat(hashing.matches(p.password(), p.hash())).as(p.password()).contains(true);
      assertThat(hashing.matches(p.password() + "x", p.hash())).as(p.password()).contains(false);
      assertThat(hashing.outdated(p.hash())).as(p.password()).isFalse();
    }
    assertThat(passwords.stream().map(PublishedPassword::hash).distinct()).hasSameSizeAs(passwords);
  }
}
