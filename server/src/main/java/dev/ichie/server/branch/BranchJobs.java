package dev.ichie.server.branch;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Expires recovery and staff requests not decided in time, once a minute. */
@Component
@BranchEnabled
@ConditionalOnProperty(name = "ichie.jobs.enabled", havingValue = "true", matchIfMissing = true)
class BranchJobs {

  private final RecoveryRequests requests;
  private final StaffRequests staffRequests;

  BranchJobs(RecoveryRequests requests, StaffRequests staffRequests) {
    this.requests = requests;
    this.staffRequests = staffRequests;
  }

  @Scheduled(fixedDelayString = "${ichie.jobs.expiry-interval:60s}", initialDelay = 15_000)
  void expire() {
    requests.expireDue();
    staffRequests.expireDue();
  }
}
