package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.system.MailAddresses;
import dev.ichie.server.token.ActivationPasswords;
import dev.ichie.server.token.Outcome;
import dev.ichie.server.token.TokenService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's page: staff accounts and their tokens (each staff member's second factor is a
 * token of the staff OTP service, set up with the same token app as customers).
 */
@Controller
@RequestMapping("/branch/staff")
@BranchEnabled
class StaffAdminController {

  private final StaffAccounts staff;
  private final TokenService tokens;
  private final BranchProperties properties;

  StaffAdminController(StaffAccounts staff, TokenService tokens, BranchProperties properties) {
    this.staff = staff;
    this.tokens = tokens;
    this.properties = properties;
  }

  @GetMapping
  String list(@AuthenticationPrincipal StaffMember member, Model model) {
    model.addAttribute("member", member);
    model.addAttribute("staff", staff.all());
    model.addAttribute(
        "states",
        staff.all().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    StaffAccounts.StaffView::loginId,
                    s -> {
                      var st = tokens.status(properties.staffServiceId(), s.loginId()).status();
                      return st == null || st.state() == null ? "NONE" : st.state().name();
                    })));
    model.addAttribute("roles", StaffRole.values());
    return "branch/staff";
  }

  @PostMapping
  String create(
      @AuthenticationPrincipal StaffMember member,
      @RequestParam(defaultValue = "") String loginId,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String role,
      @RequestParam(defaultValue = "") String branch,
      @RequestParam(defaultValue = "") String mail,
      @RequestParam(defaultValue = "") String password,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    StaffRole r;
    try {
      r = StaffRole.valueOf(role);
    } catch (IllegalArgumentException e) {
      redirect.addFlashAttribute("error", "branch.staff.error.fields");
      return "redirect:/branch/staff";
    }
    if (name.isBlank()
        || name.length() > 100
        || branch.isBlank()
        || branch.length() > 60
        || !MailAddresses.valid(mail)
        || password.length() < 12
        || password.length() > 64) {
      redirect.addFlashAttribute("error", "branch.staff.error.fields");
      return "redirect:/branch/staff";
    }
    boolean created =
        staff.create(
            loginId.strip(), name.strip(), r, branch.strip(), mail, password, actor(member, http));
    redirect.addFlashAttribute(
        created ? "done" : "error",
        created ? "branch.staff.created" : "branch.staff.error.loginId");
    return "redirect:/branch/staff";
  }

  @PostMapping("/{loginId}/token")
  String issueToken(
      @AuthenticationPrincipal StaffMember member,
      @PathVariable String loginId,
      @RequestParam(defaultValue = "") String activationPassword,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    if (!ActivationPasswords.acceptable(activationPassword)) {
      redirect.addFlashAttribute("error", "issue.error.activationTrivial");
      return "redirect:/branch/staff";
    }
    String mail = staff.mail(loginId).orElse(null);
    if (mail == null) {
      redirect.addFlashAttribute("error", "branch.staff.error.loginId");
      return "redirect:/branch/staff";
    }
    Outcome o =
        tokens.issue(
            properties.staffServiceId(), loginId, mail, activationPassword, actor(member, http));
    if (!o.ok()) {
      redirect.addFlashAttribute("error", "issue.error." + o.result().name());
      return "redirect:/branch/staff";
    }
    redirect.addFlashAttribute("done", "branch.staff.tokenIssued");
    redirect.addFlashAttribute("issuedService", o.status().serviceId());
    redirect.addFlashAttribute("issuedUser", o.status().userId());
    redirect.addFlashAttribute("issuedFor", loginId);
    return "redirect:/branch/staff";
  }

  @PostMapping("/{loginId}/reset-token")
  String resetToken(
      @AuthenticationPrincipal StaffMember member,
      @PathVariable String loginId,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    if (member.loginId().equals(loginId)) {
      redirect.addFlashAttribute("error", "branch.decision.OWN_REQUEST");
      return "redirect:/branch/staff";
    }
    Outcome o = tokens.reset(properties.staffServiceId(), loginId, true, actor(member, http));
    redirect.addFlashAttribute(
        o.ok() ? "done" : "error", o.ok() ? "branch.staff.tokenReset" : "branch.staff.error.token");
    return "redirect:/branch/staff";
  }

  @PostMapping("/{loginId}/unlock")
  String unlock(
      @AuthenticationPrincipal StaffMember member,
      @PathVariable String loginId,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    boolean done = staff.unlock(loginId, actor(member, http));
    redirect.addFlashAttribute(
        done ? "done" : "error", done ? "branch.staff.unlocked" : "branch.staff.error.notLocked");
    return "redirect:/branch/staff";
  }

  private static Actor actor(StaffMember member, HttpServletRequest http) {
    return new Actor(Actor.Type.STAFF, member.loginId(), http.getRemoteAddr());
  }
}
