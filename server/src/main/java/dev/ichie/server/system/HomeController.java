package dev.ichie.server.system;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The root page: what this server offers and where. */
@Controller
class HomeController {

  private final Environment env;

  HomeController(Environment env) {
    this.env = env;
  }

  @GetMapping("/")
  String home(Model model) {
    model.addAttribute(
        "netbank", env.getProperty("ichie.netbank.enabled", Boolean.class, Boolean.TRUE));
    model.addAttribute("dev", env.acceptsProfiles(Profiles.of("dev")));
    return "home";
  }
}
