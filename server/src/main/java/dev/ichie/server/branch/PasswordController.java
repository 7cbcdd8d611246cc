package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.Verdict;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A staff member's own new password: asked at once, and before any other page of the console
 * ({@link StaffSessionGate}), of a staff member whose password was given to them (the first
 * administrator's one-time password). The current password is checked under its lockout; the new
 * one is at least {@value #MIN_LENGTH} characters and not the current one.
 */
@Controller
@RequestMapping("/branch/password")
@BranchEnabled
final class PasswordController {

  static final int MIN_LENGTH = 12;
  private static final String PAGE = "branch/password";

  private final StaffAccounts staff;
  private final FactorCheck factors;
  private final BranchProperties properties;

  PasswordController(StaffAccounts staff, FactorCheck factors, BranchProperties properties) {
    this.staff = staff;
    this.factors = factors;
    this.properties = properties;
  }

  @GetMapping
  String form(@AuthenticationPrincipal StaffMember member, Model model) {
    model.addAttribute("member", member);
    return PAGE;
  }

  @PostMapping
  String change(
      @AuthenticationPrincipal StaffMember member,
      @RequestParam(name = "current", defaultValue = "") String current,
      @RequestParam(name = "password", defaultValue = "") String password,
      @RequestParam(name = "repeat", defaultValue = "") String repeat,
      HttpServletRequest request,
      Model model) {
    model.addAttribute("member", member);
    Actor actor = new Actor(Actor.Type.STAFF, member.loginId(), request.getRemoteAddr());
    if (current.length() > 64 || password.length() > 64) {
      model.addAttribute("error", "branch.password.error.wrong");
      return PAGE;
    }
    Verdict verdict =
        factors.check(
            new Subject(properties.staffServiceId(), member.loginId()),
            new Operation.StaffLogin(),
            Set.of(),
            actor,
            new Proof.Password(Factor.STAFF_PASSWORD, current));
    if (verdict.refusal().isPresent()) {
      model.addAttribute("error", "branch.password.error.wrong");
      return PAGE;
    }
    String problem =
        password.codePointCount(0, password.length()) < MIN_LENGTH
            ? "branch.password.error.short"
            : password.equals(current)
                ? "branch.password.error.same"
                : !password.equals(repeat) ? "branch.password.error.repeat" : null;
    if (problem != null) {
      model.addAttribute("error", problem);
      return PAGE;
    }
    staff.changePassword(member.loginId(), password, actor);
    return member.role() == StaffRole.ADMIN ? "redirect:/branch/staff" : "redirect:/branch/";
  }
}
