package dev.ichie.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Runs the activation example of README.md, and checks that README.md shows exactly this code. */
class ReadmeExampleTest {

  @Test
  void readmeExampleWhenRunThenBothSidesDeriveTheSameSecret() throws Exception {
    SecureRandom random = new SecureRandom();
    // README-BEGIN activation
    // Issuance (server): keep only the salt and the verifier of the activation password.
    VerifierRecord record = ActivationVerifiers.create("demo", "2915086876", "58204716", random);

    // start: the app sends A; the server answers the salt and B, and stores b with A.
    AppSession app = AppSession.start("demo", "2915086876", "58204716", random);
    ServerChallenge challenge = ServerRole.start(record, app.A(), random);

    // finish: the app proves the password with M1; the server checks it and answers M2.
    byte[] m1 = app.respond(record.salt(), challenge.B());
    Optional<ServerResult> server = ServerRole.finish(record, app.A(), challenge.b(), m1);
    boolean serverIsGenuine = app.verifyServer(server.orElseThrow().M2());

    // Both derive the token secret; it never crossed the wire.
    byte[] appSecret = app.deriveTokenSecret("activation-1", "credential-1", 20);
    byte[] serverSecret =
        server.get().deriveTokenSecret("activation-1", "demo", "2915086876", "credential-1", 20);
    // README-END activation

    assertThat(serverIsGenuine).isTrue();
    assertThat(appSecret).hasSize(20).isEqualTo(serverSecret);
    String code =
        Files.readString(Path.of("src/test/java/dev/ichie/activation/ReadmeExampleTest.java"));
    String begin = "// README-BEGIN activation\n";
    String body =
        code.substring(
            code.indexOf(begin) + begin.length(), code.indexOf("    // README-END activation"));
    assertThat(readmeBlocks())
        .as("README.md shows the example as one whole block, nothing else in it")
        .contains(body.replaceAll("(?m)^    ", ""));
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
