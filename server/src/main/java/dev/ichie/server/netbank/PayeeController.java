package dev.ichie.server.netbank;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.system.Forms;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 登録済み振込先: the accounts the customer has paid, listed and removable with the session alone (a
 * removal only makes the next transfer there a first one again, which asks more).
 */
@Controller
@RequestMapping("/netbank/payees")
@NetbankEnabled
class PayeeController {

  private final BankCustomers customers;
  private final ZoneId zone;

  PayeeController(
      BankCustomers customers,
      dev.ichie.server.token.TokenQueries queries,
      NetbankProperties properties) {
    this.customers = customers;
    this.zone = queries.timeZone(properties.serviceId());
  }

  @GetMapping
  String list(@AuthenticationPrincipal NetbankUser user, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("payees", customers.payees(user.customerId()));
    model.addAttribute("zone", zone);
    return "netbank/payees";
  }

  @PostMapping("/remove")
  String remove(
      @AuthenticationPrincipal NetbankUser user,
      @RequestParam(name = "bank", defaultValue = "") String bank,
      @RequestParam(name = "branch", defaultValue = "") String branch,
      @RequestParam(name = "accountType", defaultValue = "") String accountType,
      @RequestParam(name = "number", defaultValue = "") String number,
      HttpServletRequest request,
      RedirectAttributes redirect) {
    BankCustomers.Payee p =
        new BankCustomers.Payee(
            Forms.text(bank),
            Forms.text(branch),
            Forms.text(accountType),
            Forms.text(number),
            "",
            null);
    boolean removed =
        customers.removePayee(
            user.customerId(),
            p,
            new Actor(Actor.Type.CUSTOMER, user.loginId(), request.getRemoteAddr()));
    redirect.addFlashAttribute(
        removed ? "done" : "error", removed ? "payees.removed" : "payees.none");
    return "redirect:/netbank/payees";
  }
}
