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
import dev.ichie.server.token.ActivationPasswords;
import dev.ichie.server.token.Outcome;
import dev.ichie.server.token.TokenIssuance;
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
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Staff login: login ID and password, then the code of the staff member's own token (its first code
 * starts its use). Without a usable token the console stays closed; a staff member allowed to issue
 * their own (a new account, an approved token reset) first sets their own password if theirs was
 * given, then chooses the token's activation password, and only then sees its user ID.
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
  private final OwnPassword own;
  private final TokenIssuance issuance;

  BranchLoginController(
      StaffAccounts staff,
      TokenQueries queries,
      FactorCheck factors,
      BranchSecurity security,
      BranchProperties properties,
      OwnPassword own,
      TokenIssuance issuance) {
    this.own = own;
    this.issuance = issuance;
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
    boolean none = noToken(status);
    var standing = staff.standing(member.loginId());
    model.addAttribute("enrol", enrolling(status, standing));
    model.addAttribute("mustChange", standing.map(s -> s.mustChangePassword()).orElse(false));
    model.addAttribute("member", member);
    // The header offers no console page yet: the session holds only the pending authority.
    model.addAttribute("secondStep", true);
    model.addAttribute("token", status);
    model.addAttribute("state", none ? null : status.state());
    return CODE;
  }

  /** A newcomer's own password, before their token: only while they may issue their own. */
  @PostMapping("/login/password")
  String ownPassword(
      @AuthenticationPrincipal StaffMember member,
      @RequestParam(name = "current", defaultValue = "") String current,
      @RequestParam(name = "password", defaultValue = "") String password,
      @RequestParam(name = "repeat", defaultValue = "") String repeat,
      HttpServletRequest request,
      Model model) {
    if (!enrolling(member)) {
      model.addAttribute("error", "branch.code.error.notAllowed");
      return codePage(member, model);
    }
    Actor actor = new Actor(Actor.Type.STAFF, member.loginId(), request.getRemoteAddr());
    Optional<String> problem = own.change(member, current, password, repeat, actor);
    if (problem.isPresent()) {
      model.addAttribute("error", problem.get());
      return codePage(member, model);
    }
    return "redirect:/branch/login/code";
  }

  /** The newcomer's own token, with the activation password they alone choose. */
  @PostMapping("/login/token")
  String ownToken(
      @AuthenticationPrincipal StaffMember member,
      @RequestParam(name = "activationPassword", defaultValue = "") String activationPassword,
      @RequestParam(name = "activationRepeat", defaultValue = "") String activationRepeat,
      HttpServletRequest request,
      Model model) {
    if (!enrolling(member) || staff.mustChangePassword(member.loginId())) {
      model.addAttribute("error", "branch.code.error.notAllowed");
      return codePage(member, model);
    }
    if (!ActivationPasswords.acceptable(activationPassword)) {
      model.addAttribute("error", "issue.error.activationTrivial");
      return codePage(member, model);
    }
    if (!activationPassword.equals(activationRepeat)) {
      model.addAttribute("error", "branch.code.error.repeat");
      return codePage(member, model);
    }
    Optional<String> mail = staff.mail(member.loginId());
    if (mail.isEmpty() || !staff.takeEnrolment(member.loginId())) {
      model.addAttribute("error", "branch.code.error.notAllowed");
      return codePage(member, model);
    }
    Actor actor = new Actor(Actor.Type.STAFF, member.loginId(), request.getRemoteAddr());
    Outcome o =
        issuance.issue(
            properties.staffServiceId(), member.loginId(), mail.get(), activationPassword, actor);
    if (!o.ok()) {
      staff.allowEnrolment(member.loginId());
      model.addAttribute("error", "issue.error." + o.result().name());
      return codePage(member, model);
    }
    return "redirect:/branch/login/code";
  }

  private boolean enrolling(StaffMember member) {
    return enrolling(tokenOf(member), staff.standing(member.loginId()));
  }

  /** Whether the member may issue their own token now: none held, and the right to one given. */
  private static boolean enrolling(TokenStatus status, Optional<StaffAccounts.Standing> standing) {
    return noToken(status) && standing.map(StaffAccounts.Standing::tokenEnrolment).orElse(false);
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

  private static boolean noToken(TokenStatus status) {
    return status == null || status.state() == null || status.state().ended();
  }

  private TokenStatus tokenOf(StaffMember member) {
    return Optional.ofNullable(
            queries.status(properties.staffServiceId(), member.loginId()).status())
        .orElse(null);
  }
}
