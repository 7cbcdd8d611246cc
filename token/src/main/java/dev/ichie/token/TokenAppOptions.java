package dev.ichie.token;

import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link TokenApp} takes from its surroundings: the device clock, the customer's language
 * (sent as {@code Accept-Language}), the trust anchors for HTTPS (null: the platform's trust
 * store), the network time-out and the source of randomness.
 *
 * <p>Immutable and thread-safe (as far as its clock and random are).
 *
 * @param clock the device clock; codes use it plus each account's measured offset
 * @param locale Japanese or English
 * @param trustStore trust anchors for the server's certificate, or null for the platform's
 * @param timeout connect and answer time-out of each request
 * @param random where keys, nonces and the SRP private value come from
 */
public record TokenAppOptions(
    Clock clock, Locale locale, KeyStore trustStore, Duration timeout, SecureRandom random) {

  /** The default network time-out: 20 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

  /** Checks. */
  public TokenAppOptions {
    Objects.requireNonNull(clock, "clock");
    locale = Texts.supported(Objects.requireNonNull(locale, "locale"));
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(random, "random");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /** The system clock (UTC), the default locale, the platform's trust store, 20 s. */
  public static TokenAppOptions defaults() {
    return new TokenAppOptions(
        Clock.systemUTC(), Locale.getDefault(), null, DEFAULT_TIMEOUT, new SecureRandom());
  }

  /** The same options with another clock. */
  public TokenAppOptions withClock(Clock newClock) {
    return new TokenAppOptions(newClock, locale, trustStore, timeout, random);
  }

  /** The same options with another language. */
  public TokenAppOptions withLocale(Locale newLocale) {
    return new TokenAppOptions(clock, newLocale, trustStore, timeout, random);
  }

  /** The same options with other trust anchors (null: the platform's). */
  public TokenAppOptions withTrustStore(KeyStore newTrustStore) {
    return new TokenAppOptions(clock, locale, newTrustStore, timeout, random);
  }

  /** The same options with another time-out. */
  public TokenAppOptions withTimeout(Duration newTimeout) {
    return new TokenAppOptions(clock, locale, trustStore, newTimeout, random);
  }
}
