package dev.ichie.server.branch;

import dev.ichie.server.system.Forms;
import dev.ichie.server.token.TokenQueries;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
 * The administrators' page: staff accounts, their tokens, and the requests that change them, each
 * filed by one administrator and decided by another ({@link StaffRequests}). A half of a one-time
 * password is shown on the answer page itself, never kept for a later page.
 */
@Controller
@RequestMapping("/branch/staff")
@BranchEnabled
class StaffAdminController {

  private static final String PAGE = "branch/staff";
  private static final String BACK = "redirect:/branch/staff";

  private final StaffAccounts staff;
  private final StaffRequests requests;
  private final TokenQueries queries;
  private final BranchProperties properties;

  StaffAdminController(
      StaffAccounts staff,
      StaffRequests requests,
      TokenQueries queries,
      BranchProperties properties) {
    this.staff = staff;
    this.requests = requests;
    this.queries = queries;
    this.properties = properties;
  }

  @GetMapping
  String list(@AuthenticationPrincipal StaffMember member, Model model) {
    var all = staff.all();
    Map<String, String> states =
        all.stream()
            .collect(
                Collectors.toMap(
                    StaffAccounts.StaffView::loginId,
                    s -> {
                      var st = queries.status(properties.staffServiceId(), s.loginId()).status();
                      return st == null || st.state() == null ? "NONE" : st.state().name();
                    }));
    model.addAttribute("member", member);
    model.addAttribute("staff", all);
    model.addAttribute("states", states);
    model.addAttribute("roles", StaffRole.values());
    model.addAttribute(
        "changes",
        java.util.Arrays.stream(StaffRequests.Action.values())
            .filter(a -> a != StaffRequests.Action.CREATE)
            .toList());
    model.addAttribute("pending", requests.pending());
    model.addAttribute("decided", requests.decided(20));
    return PAGE;
  }

  @PostMapping("/requests")
  String requestCreation(
      @AuthenticationPrincipal StaffMember member,
      @Valid StaffForm form,
      BindingResult binding,
      HttpServletRequest http,
      Model model,
      RedirectAttributes redirect) {
    Optional<String> invalid = Forms.error(binding, StaffForm.ORDER);
    if (invalid.isPresent()) {
      redirect.addFlashAttribute("error", invalid.get());
      return BACK;
    }
    var draft =
        new StaffRequests.Draft(
            StaffRequests.Action.CREATE,
            form.loginId(),
            form.name(),
            StaffRole.valueOf(form.role()),
            form.branch(),
            form.mail(),
            form.reason());
    return filed(member, requests.file(member, draft, http.getRemoteAddr()), model, redirect);
  }

  @PostMapping("/{loginId}/requests")
  String requestChange(
      @AuthenticationPrincipal StaffMember member,
      @PathVariable String loginId,
      @Valid StaffChangeForm form,
      BindingResult binding,
      HttpServletRequest http,
      Model model,
      RedirectAttributes redirect) {
    Optional<String> invalid = Forms.error(binding, StaffChangeForm.ORDER);
    if (invalid.isPresent()) {
      redirect.addFlashAttribute("error", invalid.get());
      return BACK;
    }
    if (!StaffAccounts.LOGIN_ID.matcher(loginId).matches()) {
      redirect.addFlashAttribute("error", "branch.staff.refusal.UNKNOWN_STAFF");
      return BACK;
    }
    var draft =
        new StaffRequests.Draft(
            form.change(), loginId, null, form.newRole(), null, null, form.reason());
    return filed(member, requests.file(member, draft, http.getRemoteAddr()), model, redirect);
  }

  private String filed(
      StaffMember member, StaffRequests.Answer a, Model model, RedirectAttributes redirect) {
    if (!a.done()) {
      redirect.addFlashAttribute("error", "branch.staff.refusal." + a.refusal().name());
      return BACK;
    }
    if (a.passwordHalf().isEmpty()) {
      redirect.addFlashAttribute("done", "branch.staff.filed");
      redirect.addFlashAttribute("requestId", a.id());
      return BACK;
    }
    model.addAttribute("done", "branch.staff.filed");
    model.addAttribute("requestId", a.id());
    model.addAttribute("half", a.passwordHalf().get());
    model.addAttribute("halfKey", "branch.staff.firstHalf");
    return list(member, model);
  }

  @PostMapping("/requests/{id}/approve")
  String approve(
      @AuthenticationPrincipal StaffMember member,
      @PathVariable long id,
      HttpServletRequest http,
      Model model,
      RedirectAttributes redirect) {
    StaffRequests.Answer a = requests.approve(member, id, http.getRemoteAddr());
    if (!a.done()) {
      redirect.addFlashAttribute("error", "branch.staff.refusal." + a.refusal().name());
      return BACK;
    }
    String done = "OK".equals(a.outcome()) ? "branch.staff.approved" : "branch.staff.approvedNot";
    if (a.passwordHalf().isEmpty()) {
      redirect.addFlashAttribute("done", done);
      redirect.addFlashAttribute("requestId", id);
      redirect.addFlashAttribute("outcome", a.outcome());
      return BACK;
    }
    model.addAttribute("done", done);
    model.addAttribute("requestId", id);
    model.addAttribute("outcome", a.outcome());
    model.addAttribute("half", a.passwordHalf().get());
    model.addAttribute("halfKey", "branch.staff.secondHalf");
    return list(member, model);
  }

  @PostMapping("/requests/{id}/reject")
  String reject(
      @AuthenticationPrincipal StaffMember member,
      @PathVariable long id,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    StaffRequests.Answer a = requests.reject(member, id, http.getRemoteAddr());
    redirect.addFlashAttribute(
        a.done() ? "done" : "error",
        a.done() ? "branch.staff.rejected" : "branch.staff.refusal." + a.refusal().name());
    redirect.addFlashAttribute("requestId", id);
    return BACK;
  }
}
