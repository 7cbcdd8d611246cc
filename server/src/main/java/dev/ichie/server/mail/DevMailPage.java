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

  DevMailPage(MailOutbox outbox) {
    this.outbox = outbox;
  }

  @GetMapping("/dev/mail")
  String mails(Model model) {
    model.addAttribute("mails", outbox.newest(50));
    return "dev/mail";
  }
}
