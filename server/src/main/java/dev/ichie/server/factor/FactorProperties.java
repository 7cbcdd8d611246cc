package dev.ichie.server.factor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The factor layer ({@code ichie.factors.*}).
 *
 * @param policies per service ID, per operation ({@code login}, {@code transfer}, {@code
 *     factor-change}, …): the acceptable combinations, best first, e.g. {@code
 *     CONFIRMATION_PASSWORD+OTP@session}; operations not named keep {@link FactorPolicy#DEFAULTS}
 * @param wrongGuessesPerAddress wrong guesses of any secret from one source address per window,
 *     over all accounts (not for the REST API, whose address is the bank's own system)
 * @param wrongGuessesPerService wrong guesses of any secret in one service per window
 * @param guessWindow the window of both limits
 * @param concurrentHashes password hashes (19 MiB of Argon2id each) computed at once; more wait
 * @param hashWait how long a password check waits for its turn before it is refused as busy
 * @param challengeLifetime how long a started operation waits for its next factor
 * @param phishingResistant per service ID, {@code required} or {@code preferred} (the default):
 *     with {@code required}, a customer who holds a passkey must use it to log in, transfer and
 *     register payees
 * @param transactionSignature per service ID, which transfers need 取引認証 (or a bound passkey
 *     assertion) from a customer whose token has a device key; every transfer by default
 * @param transferLimits per service ID, the day's transfer limits by the strongest factor and the
 *     delay of a raise ({@link TransferLimits#DEFAULTS} for a service not named)
 */
@ConfigurationProperties("ichie.factors")
public record FactorProperties(
    @DefaultValue Map<String, Map<String, List<String>>> policies,
    @DefaultValue("30") int wrongGuessesPerAddress,
    @DefaultValue("10000") int wrongGuessesPerService,
    @DefaultValue("10m") Duration guessWindow,
    @DefaultValue("4") int concurrentHashes,
    @DefaultValue("10s") Duration hashWait,
    @DefaultValue("5m") Duration challengeLifetime,
    @DefaultValue Map<String, String> phishingResistant,
    @DefaultValue Map<String, LinkingRule> transactionSignature,
    @DefaultValue Map<String, TransferLimits> transferLimits) {

  /** Validates the limits. */
  public FactorProperties {
    if (wrongGuessesPerAddress < 1 || wrongGuessesPerService < 1) {
      throw new IllegalArgumentException("ichie.factors: guess limits must be at least 1");
    }
    phishingResistant.forEach(
        (service, value) -> {
          if (!"required".equals(value) && !"preferred".equals(value)) {
            throw new IllegalArgumentException(
                "ichie.factors.phishing-resistant." + service + " is required or preferred");
          }
        });
    if (concurrentHashes < 1) {
      throw new IllegalArgumentException("ichie.factors.concurrent-hashes must be at least 1");
    }
  }
}
