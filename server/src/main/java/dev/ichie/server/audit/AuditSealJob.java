package dev.ichie.server.audit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Seals the audit rows written since the last round, every 10 seconds. */
@Component
@ConditionalOnProperty(name = "ichie.jobs.enabled", havingValue = "true", matchIfMissing = true)
class AuditSealJob {

  private final AuditSeals seals;

  AuditSealJob(AuditSeals seals) {
    this.seals = seals;
  }

  @Scheduled(fixedDelayString = "${ichie.jobs.audit-seal-interval:10s}", initialDelay = 10_000)
  void run() {
    seals.seal();
  }
}
