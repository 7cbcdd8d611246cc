package dev.ichie.server.branch;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every request of a staff session looks at the staff account as it is now: a member disabled or
 * given another role since the login is logged out at once (the session ends, the login page
 * follows); one who must choose their own password is taken there before any other page.
 */
@Component
@BranchEnabled
final class StaffSessionGate implements WebMvcConfigurer, HandlerInterceptor {

  private final StaffAccounts staff;

  StaffSessionGate(StaffAccounts staff) {
    this.staff = staff;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(this)
        .addPathPatterns("/branch/**")
        .excludePathPatterns("/branch/login");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !(auth.getPrincipal() instanceof StaffMember member)) {
      return true;
    }
    Optional<StaffAccounts.Standing> now = staff.standing(member.loginId());
    if (now.isEmpty() || !now.get().active() || now.get().role() != member.role()) {
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.invalidate();
      }
      SecurityContextHolder.clearContext();
      response.sendRedirect(request.getContextPath() + "/branch/login");
      return false;
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (now.get().mustChangePassword()
        && BranchSecurity.signedIn(auth)
        && !path.startsWith("/branch/login")
        && !path.equals("/branch/password")
        && !path.equals("/branch/logout")) {
      response.sendRedirect(request.getContextPath() + "/branch/password");
      return false;
    }
    return true;
  }
}
