package dev.ichie.server.factor;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.system.RateLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Limits wrong guesses over all accounts, per source address and per service, in the database so
 * that every node counts them: a slot is taken before a proof is checked and given back unless the
 * proof was wrong. Thread-safe.
 */
@Component
final class GuessThrottle {

  private static final Logger log = LoggerFactory.getLogger(GuessThrottle.class);

  private final RateLimiter limiter;
  private final FactorProperties properties;

  GuessThrottle(RateLimiter limiter, FactorProperties properties) {
    this.limiter = limiter;
    this.properties = properties;
  }

  /** The slots one guess holds. */
  record Held(List<RateLimiter.Slot> slots) {}

  /**
   * Takes the slots of one guess.
   *
   * @param serviceId the service
   * @param actor who guesses, from where
   * @return the slots, or empty when a limit is reached (then none is held)
   */
  Optional<Held> take(String serviceId, Actor actor) {
    List<RateLimiter.Slot> held = new ArrayList<>(2);
    if (actor.type() != Actor.Type.API_CLIENT && actor.sourceAddress() != null) {
      Optional<RateLimiter.Slot> address =
          limiter.take(
              "guess-address:" + actor.sourceAddress(),
              properties.wrongGuessesPerAddress(),
              properties.guessWindow());
      if (address.isEmpty()) {
        return Optional.empty();
      }
      held.add(address.get());
    }
    Optional<RateLimiter.Slot> service =
        limiter.take(
            "guess-service:" + serviceId,
            properties.wrongGuessesPerService(),
            properties.guessWindow());
    if (service.isEmpty()) {
      log.warn("service {} reached its limit of wrong guesses; refusing guesses", serviceId);
      held.forEach(limiter::giveBack);
      return Optional.empty();
    }
    held.add(service.get());
    return Optional.of(new Held(held));
  }

  /**
   * Gives the slots back: the guess was not wrong.
   *
   * @param held the slots
   */
  void giveBack(Held held) {
    held.slots().forEach(limiter::giveBack);
  }
}
