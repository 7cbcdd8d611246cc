package dev.ichie.server.token;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Ends issuances that were not activated within their lifetime, once a minute. */
@Component
@ConditionalOnProperty(name = "ichie.jobs.enabled", havingValue = "true", matchIfMissing = true)
class ExpiryJob {

  private final TokenLifecycle lifecycle;

  ExpiryJob(TokenLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Scheduled(fixedDelayString = "${ichie.jobs.expiry-interval:60s}", initialDelay = 10_000)
  void run() {
    lifecycle.expireDue();
  }
}
