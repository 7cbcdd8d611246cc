package dev.ichie.server.branch;

import dev.ichie.server.audit.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A staff member's own new password ({@link OwnPassword}): asked at once, and before any other page
 * of the console ({@link StaffSessionGate}), of a staff member whose password was given to them.
 */
@Controller
@RequestMapping("/branch/password")
@BranchEnabled
final class PasswordController {

  private static final String PAGE = "branch/password";

  private final OwnPassword own;

  PasswordController(OwnPassword own) {
    this.own = own;
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
    Optional<String> problem = own.change(member, current, password, repeat, actor);
    if (problem.isPresent()) {
      model.addAttribute("error", problem.get());
      return PAGE;
    }
    return member.role() == StaffRole.ADMIN ? "redirect:/branch/staff" : "redirect:/branch/";
  }
}
