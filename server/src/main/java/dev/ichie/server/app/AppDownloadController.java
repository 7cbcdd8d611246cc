package dev.ichie.server.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The token app's download page, at the URL the issuance mail carries: the steps of
 * 「トークンアプリのダウンロード・設定」 and the app itself. The jar is the one the Maven build bundled into the
 * server ({@code app/ichie-token.jar} on the class path), or a file named by {@code ichie.app.jar};
 * the page shows its SHA-256 so that it can be checked, computed at the page's first view rather
 * than during start-up.
 */
@Controller
class AppDownloadController {

  static final String JAR = "ichie-token.jar";

  private final Optional<Resource> jar;
  private final Supplier<String> sha256;

  AppDownloadController(@Value("${ichie.app.jar:}") String configured) {
    Resource found = null;
    if (!configured.isBlank() && Files.isReadable(Path.of(configured))) {
      found = new FileSystemResource(configured);
    } else {
      ClassPathResource bundled = new ClassPathResource("app/" + JAR);
      if (bundled.exists()) {
        found = bundled;
      }
    }
    this.jar = Optional.ofNullable(found);
    this.sha256 = SingletonSupplier.of(() -> jar.map(AppDownloadController::digest).orElse(null));
  }

  private static String digest(Resource r) {
    try (InputStream in = r.getInputStream();
        DigestInputStream d = new DigestInputStream(in, MessageDigest.getInstance("SHA-256"))) {
      d.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(d.getMessageDigest().digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return null;
    }
  }

  @GetMapping({"/app", "/app/"})
  String page(Model model) {
    model.addAttribute("available", jar.isPresent());
    model.addAttribute("sha256", sha256.get());
    return "app/download";
  }

  @GetMapping("/app/" + JAR)
  ResponseEntity<Resource> download() {
    return jar.map(
            r ->
                ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("application/java-archive"))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + JAR + "\"")
                    .body(r))
        .orElse(ResponseEntity.notFound().build());
  }
}
