package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerEndpointTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080",
        "http://127.4.5.6",
        "http://[::1]:8080/",
        "http://localhost:8080",
        "http://LOCALHOST",
        "https://bank.example.jp",
        "https://bank.example.jp/otp/"
      })
  void ofWhenHttpsOrLoopbackThenAccepted(String url) throws TokenException {
    ServerEndpoint endpoint = ServerEndpoint.of(url, null, false);
    assertThat(endpoint.insecure()).isFalse();
    assertThat(endpoint.uri().toString()).doesNotEndWith("/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://bank.example.jp",
        "http://192.168.1.10:8080",
        "http://10.0.0.1",
        "http://128.0.0.1",
        "http://[::2]",
        "http://localhost.bank.example.jp",
        "http://127.0.0.1.nip.io"
      })
  void ofWhenPlainHttpToNonLoopbackWithoutFlagThenRefused(String url) {
    assertThatThrownBy(() -> ServerEndpoint.of(url, null, false))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(Problem.PLAIN_HTTP_REFUSED);
              assertThat(Texts.of(Locale.ENGLISH).describe(e)).contains(url).contains("https://");
            });
  }

  @Test
  void ofWhenPlainHttpWithInsecureFlagThenAcceptedButMarkedInsecure() throws TokenException {
    ServerEndpoint endpoint = ServerEndpoint.of("http://bank.example.jp", null, true);
    assertThat(endpoint.insecure()).isTrue();
    assertThat(endpoint.insecurePlainHttp()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://bank.example.jp",
        "bank.example.jp",
        "https://",
        "https://user:pw@bank.example.jp",
        "https://bank.example.jp/?x=1",
        "https://bank.example.jp/#x",
        "https://bank example"
      })
  void ofWhenNotAnHttpUrlThenInvalid(String url) {
    assertThatThrownBy(() -> ServerEndpoint.of(url, null, false))
        .isInstanceOfSatisfying(
            TokenException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_SERVER_URL));
  }

  @Test
  void resolveWhenBaseHasPathThenEndpointsAreUnderIt() throws TokenException {
    assertThat(
            ServerEndpoint.of("https://bank.example.jp/otp/", null, false)
                .resolve("/api/activation/v1/start")
                .toString())
        .isEqualTo("https://bank.example.jp/otp/api/activation/v1/start");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "AAAA", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJ"})
  void pinWhenNotBase64Of32BytesThenInvalid(String pin) {
    assertThatThrownBy(() -> PublicKeyPin.parse(pin))
        .isInstanceOfSatisfying(
            TokenException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_KEY_PIN));
  }
}
