package dev.ichie.server.factor;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.system.RateLimiter;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Limits wrong guesses over all accounts, in the database so that every node counts them. Per
 * source address the limit is strict: a slot is taken before the proof is checked and given back
 * unless it was wrong, so tries sent at once from one address cannot pass it. Per service it is
 * coarse: a read before (at most once a second per node), a count after a wrong guess, so that a
 * service's many right answers never queue on one row; the guesses in flight, and a second's worth,
 * can pass it. Thread-safe.
 */
@Component
final class GuessThrottle {

  private static final Logger log = LoggerFactory.getLogger(GuessThrottle.class);

  private final RateLimiter limiter;
  private final FactorProperties properties;
  private final Clock clock;
  private final Map<String, Checked> checked = new ConcurrentHashMap<>();

  GuessThrottle(RateLimiter limiter, FactorProperties properties, Clock clock) {
    this.limiter = limiter;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * What one guess holds.
   *
   * @param serviceKey the service's bucket
   * @param address the address slot taken, or null (the REST API)
   */
  record Held(String serviceKey, RateLimiter.Slot address) {}

  /**
   * Takes what one guess needs.
   *
   * @param serviceId the service
   * @param actor who guesses, from where
   * @return the hold, or empty when a limit is reached (then nothing is held)
   */
  Optional<Held> take(String serviceId, Actor actor) {
    String serviceKey = "guess-service:" + serviceId;
    if (serviceFull(serviceId, serviceKey)) {
      return Optional.empty();
    }
    RateLimiter.Slot address = null;
    if (actor.type() != Actor.Type.API_CLIENT && actor.sourceAddress() != null) {
      Optional<RateLimiter.Slot> slot =
          limiter.take(
              "guess-address:" + actor.sourceAddress(),
              properties.wrongGuessesPerAddress(),
              properties.guessWindow());
      if (slot.isEmpty()) {
        return Optional.empty();
      }
      address = slot.get();
    }
    return Optional.of(new Held(serviceKey, address));
  }

  /** Whether the service's limit is reached, read at most once a second on this node. */
  private boolean serviceFull(String serviceId, String serviceKey) {
    Instant now = clock.instant();
    Checked last = checked.get(serviceId);
    if (last != null && now.isBefore(last.at().plusSeconds(1)) && !now.isBefore(last.at())) {
      return last.full();
    }
    boolean full =
        limiter.full(serviceKey, properties.wrongGuessesPerService(), properties.guessWindow());
    if (full && (last == null || !last.full())) {
      log.warn("service {} reached its limit of wrong guesses; refusing guesses", serviceId);
    }
    checked.put(serviceId, new Checked(now, full));
    return full;
  }

  private record Checked(Instant at, boolean full) {}

  /**
   * Settles a guess: a wrong one counts for the service and keeps its address slot; any other gives
   * the slot back.
   *
   * @param held the hold
   * @param wrong whether the guess was wrong
   */
  void settle(Held held, boolean wrong) {
    if (wrong) {
      limiter.count(held.serviceKey(), properties.guessWindow());
    } else if (held.address() != null) {
      limiter.giveBack(held.address());
    }
  }
}
