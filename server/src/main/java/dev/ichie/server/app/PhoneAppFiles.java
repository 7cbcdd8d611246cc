package dev.ichie.server.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The phone app's files as the build put them under {@code static/app/phone/}, each with its
 * subresource-integrity hash (SHA-384): the page pins every module with it, the service worker
 * caches exactly these, and {@code files.json} publishes them.
 */
@Component
public final class PhoneAppFiles {

  /** Where the files are on the class path. */
  static final String ROOT = "static/app/phone/";

  /**
   * One file.
   *
   * @param path the path below {@code /app/phone/}
   * @param integrity {@code sha384-} and the base64 of its SHA-384
   */
  public record File(String path, String integrity) {}

  private final List<File> files;
  private final Map<String, File> byPath;

  PhoneAppFiles() {
    List<File> found = new ArrayList<>();
    try {
      for (Resource r :
          new PathMatchingResourcePatternResolver().getResources("classpath:" + ROOT + "**/*")) {
        if (!r.isReadable()) {
          continue;
        }
        String url = r.getURL().toString();
        int at = url.lastIndexOf(ROOT);
        String path = url.substring(at + ROOT.length());
        if (path.isEmpty() || path.endsWith("/")) {
          continue;
        }
        found.add(new File(path, integrity(r)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the phone app's files", e);
    }
    found.sort(Comparator.comparing(File::path));
    this.files = List.copyOf(found);
    this.byPath = files.stream().collect(Collectors.toMap(File::path, Function.identity()));
  }

  private static String integrity(Resource r) throws IOException {
    try (InputStream in = r.getInputStream()) {
      MessageDigest d = MessageDigest.getInstance("SHA-384");
      return "sha384-" + Base64.getEncoder().encodeToString(d.digest(in.readAllBytes()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every file, by path. */
  public List<File> all() {
    return files;
  }

  /** The JavaScript modules the page preloads (all but the service worker). */
  public List<File> modules() {
    return files.stream()
        .filter(f -> f.path().endsWith(".js") && !f.path().equals("sw.js"))
        .toList();
  }

  /**
   * The integrity of one file.
   *
   * @param path the path below {@code /app/phone/}
   * @return its {@code sha384-…}, or null when there is no such file
   */
  public String integrity(String path) {
    File f = byPath.get(path);
    return f == null ? null : f.integrity();
  }
}
