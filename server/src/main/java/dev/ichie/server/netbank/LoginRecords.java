package dev.ichie.server.netbank;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.factor.LoginEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A web-banking login in the audit trail, with its device and address, for the customer's ご利用履歴 and
 * the branch console.
 */
@Component
final class LoginRecords {

  private final AuditLog audit;

  LoginRecords(AuditLog audit) {
    this.audit = audit;
  }

  @EventListener
  void on(LoginEvent event) {
    audit.record(
        new AuditLog.Subject(event.serviceId(), event.customerRef(), null, null),
        new Actor(Actor.Type.CUSTOMER, event.customerRef(), event.address()),
        "LOGIN",
        event.newDevice() ? "NEW_DEVICE" : "OK",
        event.device());
  }
}
