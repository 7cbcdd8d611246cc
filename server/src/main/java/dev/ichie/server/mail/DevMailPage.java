package dev.ichie.server.mail;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Development only: the outbox as a page, so that the whole flow can be followed on one machine
 * without SMTP. Absent in every other profile.
 */
@Controller
@Profile("dev")
class DevMailPage {

  private final MailOutbox outbox;
  private final java.time.ZoneId zone;

  DevMailPage(MailOutbox outbox, dev.ichie.server.tenant.Tenants tenants) {
    this.outbox = outbox;
    // The development defaults have one service: its time zone is the page's.
    this.zone =
        tenants
            .find("demo")
            .map(dev.ichie.server.tenant.Tenant::timeZone)
            .orElse(java.time.ZoneId.of("Asia/Tokyo"));
  }

  @GetMapping("/dev/mail")
  String mails(Model model) {
    model.addAttribute("mails", outbox.newest(50));
    model.addAttribute("zone", zone);
    return "dev/mail";
  }
}
