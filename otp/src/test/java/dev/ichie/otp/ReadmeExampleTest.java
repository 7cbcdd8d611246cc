package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Runs the otp example of README.md, and checks that README.md shows exactly this code. */
class ReadmeExampleTest {

  @Test
  void readmeExampleWhenRunThenCodesAcceptedOnceAndUriRoundTrips() throws Exception {
    // README-BEGIN otp
    Secret secret = Secret.fromBase32("JBSWY3DPEHPK3PXP");
    Totp totp = new Totp(TotpParameters.DEFAULT); // HMAC-SHA-1, 6 digits, 30 s
    Instant now = Instant.parse("2026-11-26T03:00:00Z"); // the caller owns the clock
    String code = totp.generate(secret, now);

    TotpVerifier verifier = new TotpVerifier(TotpParameters.DEFAULT, 1, 1); // ±1 step
    Verification first = verifier.verify(secret, code, now, 0, TotpVerifier.NO_STEP);
    long step = ((Verification.Accepted) first).step(); // store it: the next code must be later
    Verification again = verifier.verify(secret, code, now, 0, step); // Refused(REPLAYED)

    KeyUri uri = KeyUri.totp("Ichie Bank", "taro@example.jp", secret, TotpParameters.DEFAULT);
    String text = uri.toUriString(); // otpauth://totp/Ichie%20Bank:taro%40example.jp?secret=…
    // README-END otp

    assertThat(code).hasSize(6).isEqualTo(totp.generateAtStep(secret, step));
    assertThat(first.accepted()).isTrue();
    assertThat(again).isEqualTo(new Verification.Refused(Verification.Reason.REPLAYED));
    assertThat(KeyUri.parse(text)).isEqualTo(uri);
    assertThat(text).startsWith("otpauth://totp/Ichie%20Bank:taro%40example.jp?secret=");
    assertReadmeShows("otp", Path.of("src/test/java/dev/ichie/otp/ReadmeExampleTest.java"));
  }

  static void assertReadmeShows(String name, Path source) throws Exception {
    String code = Files.readString(source);
    String begin = "// README-BEGIN " + name + "\n";
    String body =
        code.substring(
            code.indexOf(begin) + begin.length(), code.indexOf("    // README-END " + name));
    String dedented = body.replaceAll("(?m)^    ", "");
    assertThat(readmeBlocks())
        .as("README.md shows the example of " + source + " as one whole block, nothing else in it")
        .contains(dedented);
  }

  /** The fenced Java blocks of README.md, each without its fences. */
  static java.util.List<String> readmeBlocks() throws java.io.IOException {
    java.util.List<String> blocks = new java.util.ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?ms)^```java\\n(.*?)^```$")
            .matcher(Files.readString(Path.of("../README.md")));
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }
}
