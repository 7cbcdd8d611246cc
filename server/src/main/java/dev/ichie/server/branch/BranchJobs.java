package dev.ichie.server.branch;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Expires recovery requests not decided in time, once a minute. */
@Component
@BranchEnabled
@ConditionalOnProperty(name = "ichie.jobs.enabled", havingValue = "true", matchIfMissing = true)
class BranchJobs {

  private final RecoveryRequests requests;

  BranchJobs(RecoveryRequests requests) {
    this.requests = requests;
  }

  @Scheduled(fixedDelayString = "${ichie.jobs.expiry-interval:60s}", initialDelay = 15_000)
  void expire() {
    requests.expireDue();
  }
}
