package dev.ichie.server.netbank;

import dev.ichie.server.audit.AuditEvent;
import dev.ichie.server.token.TokenQueries;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The top page (balances and 「ワンタイムパスワード申請」) and the history of OTP events. */
@Controller
@RequestMapping("/netbank")
@NetbankEnabled
class TopController {

  /** The events a customer sees in their OTP history. */
  static final Set<String> OTP_EVENTS =
      Set.of(
          "TOKEN_ISSUED",
          "TOKEN_ACTIVATED",
          "USE_STARTED",
          "TOKEN_REVOKED",
          "TOKEN_RESET",
          "TOKEN_LOCKED",
          "TOKEN_UNLOCKED",
          "TOKEN_EXPIRED",
          "TOKEN_VOID");

  /** Staff-side and internal events a customer's ご利用履歴 leaves out. */
  static final Set<String> NOT_SHOWN =
      Set.of("STAFF_VIEW", "STAFF_SEARCH", "CONFIRMATION_POLL", "LOAD_TEST_SEEDED");

  private final BankCustomers customers;
  private final TokenQueries queries;
  private final NetbankProperties properties;
  private final dev.ichie.server.audit.AuditLog audit;

  TopController(
      BankCustomers customers,
      TokenQueries queries,
      NetbankProperties properties,
      dev.ichie.server.audit.AuditLog audit) {
    this.audit = audit;
    this.customers = customers;
    this.queries = queries;
    this.properties = properties;
  }

  @GetMapping({"", "/"})
  String top(@AuthenticationPrincipal NetbankUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("accounts", customers.accounts(user.customerId()));
    model.addAttribute("token", queries.status(properties.serviceId(), user.customerId()).status());
    return "netbank/top";
  }

  @GetMapping("/history")
  String history(@AuthenticationPrincipal NetbankUser user, Model model) {
    List<AuditEvent> events =
        queries
            .auditTrail(properties.serviceId(), user.customerId(), 500)
            .orElse(List.of())
            .stream()
            .filter(e -> OTP_EVENTS.contains(e.event()))
            .sorted(java.util.Comparator.comparingLong(AuditEvent::id).reversed())
            .toList();
    model.addAttribute("user", user);
    model.addAttribute("events", events);
    model.addAttribute("zone", queries.timeZone(properties.serviceId()));
    return "netbank/history";
  }

  /**
   * ご利用履歴: the customer's logins, transfers, factor changes and refusals from the audit trail,
   * newest first, with the channel, device and address.
   */
  @GetMapping("/activity")
  String activity(@AuthenticationPrincipal NetbankUser user, Model model) {
    // The audit trail itself: a customer without a token has one too.
    List<AuditEvent> events =
        audit.trail(properties.serviceId(), user.customerId(), 1000).stream()
            .filter(e -> !NOT_SHOWN.contains(e.event()))
            .sorted(java.util.Comparator.comparingLong(AuditEvent::id).reversed())
            .limit(200)
            .toList();
    model.addAttribute("user", user);
    model.addAttribute("events", events);
    model.addAttribute("zone", queries.timeZone(properties.serviceId()));
    return "netbank/activity";
  }
}
