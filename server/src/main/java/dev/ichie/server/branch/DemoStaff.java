package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.token.TokenIssuance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo staff of the development defaults ({@code ichie.branch.demo-staff: true}): one of each
 * role and a second administrator (every change to staff needs two), each with a token issued in
 * the staff service, whose credentials and activation password README.md gives. Never in
 * production.
 */
@Component
@BranchEnabled
@ConditionalOnProperty(name = "ichie.branch.demo-staff", havingValue = "true")
class DemoStaff {

  private static final Logger log = LoggerFactory.getLogger(DemoStaff.class);

  /** The activation password of every demo staff token; README.md gives it. */
  static final String DEMO_ACTIVATION_PASSWORD = "35971624";

  private final StaffAccounts staff;
  private final TokenIssuance issuance;
  private final BranchProperties properties;

  DemoStaff(StaffAccounts staff, TokenIssuance issuance, BranchProperties properties) {
    this.staff = staff;
    this.issuance = issuance;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  void create() {
    create("admin", "管理 一郎", StaffRole.ADMIN, "admin-pass-2026");
    create("admin2", "管理 二郎", StaffRole.ADMIN, "admin2-pass-2026");
    create("teller", "窓口 花子", StaffRole.TELLER, "teller-pass-2026");
    create("supervisor", "役席 次郎", StaffRole.SUPERVISOR, "supervisor-pass-2026");
  }

  private void create(String loginId, String name, StaffRole role, String password) {
    if (staff.create(
        loginId, name, role, "本店", loginId + "@branch.ichie.invalid", password, Actor.SYSTEM)) {
      issuance.issue(
          properties.staffServiceId(),
          loginId,
          loginId + "@branch.ichie.invalid",
          DEMO_ACTIVATION_PASSWORD,
          Actor.SYSTEM);
      log.info("demo staff {} ({}) created with a token to activate", loginId, role);
    }
  }
}
