package dev.ichie.server.app;

import dev.ichie.server.netbank.NetbankProperties;
import dev.ichie.server.token.TokenQueries;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The token app for the customer's phone (PHONE.md): the page that loads it, with every module
 * pinned by its hash; the list of its files for the service worker; and its web app manifest with
 * the bank's name. The modules themselves are static files below {@code /app/phone/}.
 */
@Controller
class PhoneAppController {

  private final PhoneAppFiles files;
  private final TokenQueries queries;
  private final String serviceId;

  PhoneAppController(PhoneAppFiles files, TokenQueries queries, NetbankProperties netbank) {
    this.files = files;
    this.queries = queries;
    // The bank whose name the app wears: the one web banking serves.
    this.serviceId = netbank.serviceId();
  }

  @GetMapping("/app/phone")
  String slash() {
    return "redirect:/app/phone/";
  }

  @GetMapping("/app/phone/")
  String page(Model model, Locale locale) {
    model.addAttribute("modules", files.modules());
    model.addAttribute("appIntegrity", files.integrity("app.js"));
    model.addAttribute("cssIntegrity", files.integrity("app.css"));
    model.addAttribute("bank", queries.serviceName(serviceId, locale));
    return "app/phone";
  }

  @GetMapping(path = "/app/phone/files.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  Map<String, Object> list() {
    return Map.of("version", 1, "files", files.all());
  }

  @GetMapping("/app/phone/manifest.webmanifest")
  ResponseEntity<Map<String, Object>> manifest(Locale locale) {
    String bank = queries.serviceName(serviceId, locale);
    Map<String, Object> manifest =
        Map.of(
            "name",
            bank + " " + (locale.getLanguage().equals("en") ? "Token" : "トークン"),
            "short_name",
            bank,
            "lang",
            locale.getLanguage(),
            "start_url",
            "/app/phone/",
            "scope",
            "/app/phone/",
            "display",
            "standalone",
            "background_color",
            "#f5f7f2",
            "theme_color",
            "#1e6b40",
            "icons",
            List.of(
                Map.of("src", "/app/phone/icon-192.png", "sizes", "192x192", "type", "image/png"),
                Map.of("src", "/app/phone/icon-512.png", "sizes", "512x512", "type", "image/png")));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/manifest+json"))
        .body(manifest);
  }
}
