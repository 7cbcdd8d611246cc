package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.factor.Factor;
import dev.ichie.server.factor.FactorCheck;
import dev.ichie.server.factor.Operation;
import dev.ichie.server.factor.Proof;
import dev.ichie.server.factor.ProofResult;
import dev.ichie.server.factor.Subject;
import dev.ichie.server.factor.Verdict;
import dev.ichie.server.system.CodeErrors;
import dev.ichie.server.system.CodeForm;
import dev.ichie.server.system.Forms;
import dev.ichie.server.token.TokenQueries;
import dev.ichie.server.token.TokenStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Staff login: login ID and password, then the code of the staff member's own token (its first code
 * starts its use). Without a usable token the console stays closed.
 */
@Controller
@RequestMapping("/branch")
@BranchEnabled
class BranchLoginController {

  private static final String LOGIN = "branch/login";
  private static final String CODE = "branch/login-code";

  static final String CHALLENGE = "ichie.branch.challenge";
  private static final Operation STAFF_LOGIN = new Operation.StaffLogin();

  private final StaffAccounts staff;
  private final TokenQueries queries;
  private final FactorCheck factors;
  private final BranchSecurity security;
  private final BranchProperties properties;

  BranchLoginController(
      StaffAccounts staff,
      TokenQueries queries,
      FactorCheck factors,
      BranchSecurity security,
      BranchProperties properties) {
    this.staff = staff;
    this.queries = queries;
    this.factors = factors;
    this.security = security;
    this.properties = properties;
  }

  @GetMapping("/login")
  String form() {
    return LOGIN;
  }

  @PostMapping("/login")
  String login(
      @Valid StaffLoginForm form,
      BindingResult binding,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Optional<String> invalid = Forms.error(binding, StaffLoginForm.ORDER);
    if (invalid.isPresent()) {
      model.addAttribute("error", invalid.get());
      return LOGIN;
    }
    String id = form.loginId();
    String password = form.password();
    Verdict verdict =
        factors.check(
            new Subject(properties.staffServiceId(), id),
            STAFF_LOGIN,
            Set.of(),
            new Actor(Actor.Type.STAFF, id, request.getRemoteAddr()),
            new Proof.Password(Factor.STAFF_PASSWORD, password));
    Optional<ProofResult> refused = verdict.refusal();
    if (refused.isPresent()) {
      model.addAttribute(
          "error",
          switch (refused.get().status()) {
            case LOCKED -> "branch.login.error.locked";
            case THROTTLED, BUSY -> "factor.error." + refused.get().status().name();
            default -> "branch.login.error.wrong";
          });
      return LOGIN;
    }
    Optional<StaffMember> member = staff.find(id);
    if (member.isEmpty() || verdict.challengeId() == null) {
      model.addAttribute("error", "branch.login.error.wrong");
      return LOGIN;
    }
    // The code screen follows even when the token is not usable yet: it says why, and a token set
    // up meanwhile takes its first code there.
    security.passwordPassed(member.get(), request, response);
    request.getSession().setAttribute(CHALLENGE, verdict.challengeId());
    return "redirect:/branch/login/code";
  }

  @GetMapping("/login/code")
  String code(@AuthenticationPrincipal StaffMember member, Model model) {
    return codePage(member, model);
  }

  private String codePage(StaffMember member, Model model) {
    TokenStatus status = tokenOf(member);
    model.addAttribute("member", member);
    // The header offers no console page yet: the session holds only the pending authority.
    model.addAttribute("secondStep", true);
    model.addAttribute("token", status);
    model.addAttribute("state", status == null ? null : status.state());
    return CODE;
  }

  @PostMapping("/login/code")
  String submit(
      @AuthenticationPrincipal StaffMember member,
      @Valid CodeForm form,
      BindingResult binding,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Optional<String> invalid = Forms.error(binding, "code");
    if (invalid.isPresent()) {
      model.addAttribute("error", invalid.get());
      return codePage(member, model);
    }
    String normalized = form.code();
    Actor actor = new Actor(Actor.Type.STAFF, member.loginId(), request.getRemoteAddr());
    Verdict verdict =
        factors.resume(
            (String) request.getSession().getAttribute(CHALLENGE),
            new Subject(properties.staffServiceId(), member.loginId()),
            STAFF_LOGIN,
            Set.of(),
            actor,
            new Proof.OtpCode(normalized));
    if (verdict.allowed()) {
      security.signIn(member, verdict.passed(), request, response);
      if (staff.mustChangePassword(member.loginId())) {
        return "redirect:/branch/password";
      }
      return member.role() == StaffRole.ADMIN ? "redirect:/branch/staff" : "redirect:/branch/";
    }
    if (verdict.kind() == Verdict.Kind.EXPIRED) {
      request.getSession().invalidate();
      return "redirect:/branch/login";
    }
    CodeErrors.show(verdict, model);
    return codePage(member, model);
  }

  private TokenStatus tokenOf(StaffMember member) {
    return Optional.ofNullable(
            queries.status(properties.staffServiceId(), member.loginId()).status())
        .orElse(null);
  }
}
