package dev.ichie.server.mail;

import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import java.time.ZoneId;
import java.util.List;
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
  private final ZoneId zone;

  DevMailPage(MailOutbox outbox, Tenants tenants) {
    this.outbox = outbox;
    // The development defaults have one service: its time zone is the page's.
    this.zone = tenants.find("demo").map(Tenant::timeZone).orElse(ZoneId.of("Asia/Tokyo"));
  }

  /** A mail of the outbox with its body cut into text and links. */
  record Shown(OutboxMail mail, List<MailLinks.Part> body) {}

  @GetMapping("/dev/mail")
  String mails(Model model) {
    model.addAttribute(
        "mails",
        outbox.newest(50).stream().map(m -> new Shown(m, MailLinks.parts(m.body()))).toList());
    model.addAttribute("zone", zone);
    return "dev/mail";
  }
}
