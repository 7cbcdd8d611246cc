package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import dev.ichie.server.system.Digits;
import dev.ichie.server.token.Outcome;
import dev.ichie.server.token.TokenService;
import dev.ichie.server.token.TokenState;
import dev.ichie.server.token.TokenStatus;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

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

  private final StaffAccounts staff;
  private final TokenService tokens;
  private final BranchSecurity security;
  private final BranchProperties properties;

  BranchLoginController(
      StaffAccounts staff,
      TokenService tokens,
      BranchSecurity security,
      BranchProperties properties) {
    this.staff = staff;
    this.tokens = tokens;
    this.security = security;
    this.properties = properties;
  }

  @GetMapping("/login")
  String form() {
    return LOGIN;
  }

  @PostMapping("/login")
  String login(
      @RequestParam(defaultValue = "") String loginId,
      @RequestParam(defaultValue = "") String password,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    String id = loginId.strip();
    if (id.isEmpty() || password.isEmpty()) {
      model.addAttribute("error", "login.error.empty");
      return LOGIN;
    }
    if (id.length() > 32 || password.length() > 64) {
      model.addAttribute("error", "branch.login.error.wrong");
      return LOGIN;
    }
    switch (staff.check(id, password, request.getRemoteAddr())) {
      case LOCKED -> {
        model.addAttribute("error", "branch.login.error.locked");
        return LOGIN;
      }
      case WRONG -> {
        model.addAttribute("error", "branch.login.error.wrong");
        return LOGIN;
      }
      default -> {}
    }
    StaffMember member = staff.find(id).orElseThrow();
    security.passwordPassed(member, request, response);
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
      @RequestParam(defaultValue = "") String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    TokenStatus status = tokenOf(member);
    String normalized = Digits.normalize(code);
    if (!Digits.digits(normalized, 6, 8)) {
      model.addAttribute("error", normalized.isEmpty() ? "otp.error.empty" : "otp.error.format");
      return codePage(member, model);
    }
    Actor actor = new Actor(Actor.Type.STAFF, member.loginId(), request.getRemoteAddr());
    Outcome o;
    if (status != null && status.state() == TokenState.ACTIVATED) {
      o = tokens.startUse(properties.staffServiceId(), member.loginId(), normalized, actor);
    } else {
      o = tokens.verify(properties.staffServiceId(), member.loginId(), normalized, actor);
    }
    if (o.ok()) {
      security.signIn(member, request, response);
      return member.role() == StaffRole.ADMIN ? "redirect:/branch/staff" : "redirect:/branch/";
    }
    model.addAttribute("error", "otp.error." + o.result().name());
    if (o.status() != null && o.status().failuresLeft() != null) {
      model.addAttribute("failuresLeft", o.status().failuresLeft());
    }
    return codePage(member, model);
  }

  private TokenStatus tokenOf(StaffMember member) {
    return Optional.ofNullable(
            tokens.status(properties.staffServiceId(), member.loginId()).status())
        .orElse(null);
  }
}
