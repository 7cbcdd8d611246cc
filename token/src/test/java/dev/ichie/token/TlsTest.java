package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS: the platform's trust store by default, trust anchors when given, and the key pin on top.
 * The server is a JDK HttpsServer with a self-signed EC certificate for 127.0.0.1 that keytool
 * makes for the test.
 */
class TlsTest {

  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path temp;
  private static HttpsServer server;
  private static Certificate certificate;
  private static String url;

  @BeforeAll
  static void startServer() throws Exception {
    Path keyStoreFile = temp.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-keystore",
                keyStoreFile.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();

    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStoreFile)) {
      keyStore.load(in, PASSWORD);
    }
    certificate = keyStore.getCertificate("server");
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(keyStore, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext(
        "/",
        ex -> {
          ex.sendResponseHeaders(200, 2);
          ex.getResponseBody().write("ok".getBytes());
          ex.close();
        });
    server.start();
    url = "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
  }

  private static KeyStore trusting(Certificate cert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("test-server", cert);
    return trust;
  }

  private static Transport.Answer get(PublicKeyPin pin, KeyStore trust) throws TokenException {
    return new Transport(
            ServerEndpoint.of(url, pin, false), TokenAppOptions.defaults().withTrustStore(trust))
        .get("/");
  }

  @Test
  void getWhenCertificateNotInPlatformTrustStoreThenCertificateUntrusted() {
    assertThatThrownBy(() -> get(null, null))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(Problem.CERTIFICATE_UNTRUSTED);
              assertThat(Texts.of(Locale.ENGLISH).describe(e))
                  .contains("certificate of 127.0.0.1 is not trusted");
              assertThat(Texts.of(Locale.JAPANESE).describe(e)).contains("証明書が信頼できない");
            });
  }

  @Test
  void getWhenCertificateTrustedThenAnswers() throws Exception {
    assertThat(get(null, trusting(certificate)).status()).isEqualTo(200);
  }

  @Test
  void getWhenTrustedAndPinMatchesThenAnswers() throws Exception {
    PublicKeyPin pin = PublicKeyPin.parse(PublicKeyPin.of(certificate.getPublicKey()).base64());
    assertThat(get(pin, trusting(certificate)).status()).isEqualTo(200);
  }

  @Test
  void getWhenTrustedButPinDiffersThenKeyPinMismatch() throws Exception {
    PublicKeyPin other = PublicKeyPin.parse("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    assertThatThrownBy(() -> get(other, trusting(certificate)))
        .isInstanceOfSatisfying(
            TokenException.class, e -> assertThat(e.problem()).isEqualTo(Problem.KEY_PIN_MISMATCH));
  }

  @Test
  void getWhenPinMatchesButCertificateUntrustedThenStillRefused() throws Exception {
    // A pin adds to the platform's checks; it never replaces them.
    PublicKeyPin pin = PublicKeyPin.of(certificate.getPublicKey());
    assertThatThrownBy(() -> get(pin, null))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.CERTIFICATE_UNTRUSTED));
  }

  @Test
  void activateWhenCertificateUntrustedThenNothingSentAndNothingStored() throws Exception {
    TokenHome home = TokenHome.at(temp.resolve("home-untrusted"));
    try (TokenApp app = TokenApp.open(home, TokenAppOptions.defaults())) {
      ActivationRequest request =
          ActivationRequest.of(ServerEndpoint.of(url, null, false), "demo", "1234", "phone");
      assertThatThrownBy(() -> app.activate(request, "24681357".toCharArray()))
          .isInstanceOfSatisfying(
              TokenException.class,
              e -> assertThat(e.problem()).isEqualTo(Problem.CERTIFICATE_UNTRUSTED));
    }
    assertThat(Files.exists(home.vaultFile())).isFalse();
  }
}
