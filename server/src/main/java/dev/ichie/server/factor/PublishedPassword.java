package dev.ichie.server.factor;

/**
 * A password printed for everyone to read (a demo account's, in README.md) with its Argon2id hash
 * made once ahead, so that creating the account hashes nothing (a first start on the development
 * defaults would otherwise spend a second on them). The tests check every hash against its password
 * and today's parameters.
 *
 * @param password the password, as README.md gives it
 * @param hash its hash in {@link PasswordHashing}'s stored form
 */
public record PublishedPassword(String password, String hash) {

  /** Refuses a value that is not a whole hash. */
  public PublishedPassword {
    if (!hash.startsWith("$argon2id$")) {
      throw new IllegalArgumentException("not an Argon2id hash");
    }
  }
}
