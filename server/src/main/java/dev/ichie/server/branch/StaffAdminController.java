package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.system.Forms;
import dev.ichie.server.token.Outcome;
import dev.ichie.server.token.TokenIssuance;
import dev.ichie.server.token.TokenLifecycle;
import dev.ichie.server.token.TokenQueries;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
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
  private final TokenQueries queries;
  private final TokenIssuance issuance;
  private final TokenLifecycle lifecycle;
  private final BranchProperties properties;

  StaffAdminController(
      StaffAccounts staff,
      TokenQueries queries,
      TokenIssuance issuance,
      TokenLifecycle lifecycle,
      BranchProperties properties) {
    this.staff = staff;
    this.queries = queries;
    this.issuance = issuance;
    this.lifecycle = lifecycle;
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
                      var st = queries.status(properties.staffServiceId(), s.loginId()).status();
                      return st == null || st.state() == null ? "NONE" : st.state().name();
                    })));
    model.addAttribute("roles", StaffRole.values());
    return "branch/staff";
  }

  @PostMapping
  String create(
      @AuthenticationPrincipal StaffMember member,
      @Valid StaffForm form,
      BindingResult binding,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    Optional<String> invalid = Forms.error(binding, StaffForm.ORDER);
    if (invalid.isPresent()) {
      redirect.addFlashAttribute("error", invalid.get());
      return "redirect:/branch/staff";
    }
    boolean created =
        staff.create(
            form.loginId(),
            form.name(),
            StaffRole.valueOf(form.role()),
            form.branch(),
            form.mail(),
            form.password(),
            actor(member, http));
    redirect.addFlashAttribute(
        created ? "done" : "error",
        created ? "branch.staff.created" : "branch.staff.error.loginId");
    return "redirect:/branch/staff";
  }

  @PostMapping("/{loginId}/token")
  String issueToken(
      @AuthenticationPrincipal StaffMember member,
      @PathVariable String loginId,
      @Valid StaffTokenForm form,
      BindingResult binding,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    Optional<String> invalid = Forms.error(binding, "acceptable");
    if (invalid.isPresent()) {
      redirect.addFlashAttribute("error", invalid.get());
      return "redirect:/branch/staff";
    }
    String activationPassword = form.activationPassword();
    String mail = staff.mail(loginId).orElse(null);
    if (mail == null) {
      redirect.addFlashAttribute("error", "branch.staff.error.loginId");
      return "redirect:/branch/staff";
    }
    Outcome o =
        issuance.issue(
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
    Outcome o = lifecycle.reset(properties.staffServiceId(), loginId, true, actor(member, http));
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
