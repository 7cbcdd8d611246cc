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

  private final BankCustomers customers;
  private final TokenQueries queries;
  private final NetbankProperties properties;

  TopController(BankCustomers customers, TokenQueries queries, NetbankProperties properties) {
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
}
