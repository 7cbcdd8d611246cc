package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.PublishedPassword;
import dev.ichie.server.token.TokenIssuance;
import java.util.List;
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

  private static final PublishedPassword ADMIN_PASSWORD =
      new PublishedPassword(
          "admin-pass-2026",
          "$argon2id$v=19$m=19456,t=2,p=1$NAA9hKgrykXsIDbx4iZPAA$zuPwK5E9o6ltrll41aYUVgnXb7ZXKJhFkyXIYytcrHE");
  private static final PublishedPassword ADMIN2_PASSWORD =
      new PublishedPassword(
          "admin2-pass-2026",
          "$argon2id$v=19$m=19456,t=2,p=1$nagkzUBeqYC8DKSJWCayCg$FRbXVFJT5/pBPkmB5sWCte+JYkhV4Z5LyQAaEVumFP4");
  private static final PublishedPassword TELLER_PASSWORD =
      new PublishedPassword(
          "teller-pass-2026",
          "$argon2id$v=19$m=19456,t=2,p=1$7y7EWKewQyRcUqGC9B3nfg$bbP3Zw966ZkGxKU/+vWEAvg1Unb755TwKOr3J7Qwu1w");
  private static final PublishedPassword SUPERVISOR_PASSWORD =
      new PublishedPassword(
          "supervisor-pass-2026",
          "$argon2id$v=19$m=19456,t=2,p=1$LM+sUYKIcbVQTl2SD9D37w$8uGeTFznbjxpyqUw8nVgBuAe8SDvUtuPF5kps1NEDps");
  static final List<PublishedPassword> PASSWORDS =
      List.of(ADMIN_PASSWORD, ADMIN2_PASSWORD, TELLER_PASSWORD, SUPERVISOR_PASSWORD);

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
    create("admin", "管理 一郎", StaffRole.ADMIN, ADMIN_PASSWORD);
    create("admin2", "管理 二郎", StaffRole.ADMIN, ADMIN2_PASSWORD);
    create("teller", "窓口 花子", StaffRole.TELLER, TELLER_PASSWORD);
    create("supervisor", "役席 次郎", StaffRole.SUPERVISOR, SUPERVISOR_PASSWORD);
  }

  private void create(String loginId, String name, StaffRole role, PublishedPassword password) {
    if (staff.create(
        loginId,
        name,
        role,
        "本店",
        loginId + "@branch.ichie.invalid",
        password::hash,
        Actor.SYSTEM)) {
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
