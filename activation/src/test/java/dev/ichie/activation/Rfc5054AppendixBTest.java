package dev.ichie.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SRP-6a wiring on RFC 5054 Appendix B: 1024-bit group of Appendix A, SHA-1, I = "alice", P =
 * "password123", and the salt, a and b given there. Bouncy Castle pads exactly where the RFC does
 * (k = H(N | PAD(g)) with N already 128 bytes; u = H(PAD(A) | PAD(B)); x without padding), so all
 * values match.
 */
class Rfc5054AppendixBTest {

  // RFC 5054, Appendix B. SRP Test Vectors (values laid out as in the RFC)
  private static final String I = "alice";
  private static final String P = "password123";

  private static final String S = "BEB25379 D1A8581E B5A72767 3A2441EE";

  private static final String K = "7556AA04 5AEF2CDD 07ABAF0F 665C3E81 8913186F";

  private static final String X = "94B7555A ABE9127C C58CCF49 93DB6CF8 4D16C124";

  private static final String V =
      """
      7E273DE8 696FFC4F 4E337D05 B4B375BE B0DDE156 9E8FA00A 9886D812
      9BADA1F1 822223CA 1A605B53 0E379BA4 729FDC59 F105B478 7E5186F5
      C671085A 1447B52A 48CF1970 B4FB6F84 00BBF4CE BFBB1681 52E08AB5
      EA53D15C 1AFF87B2 B9DA6E04 E058AD51 CC72BFC9 033B564E 26480D78
      E955A5E2 9E7AB245 DB2BE315 E2099AFB
      """;

  private static final String A_PRIVATE =
      """
      60975527 035CF2AD 1989806F 0407210B C81EDC04 E2762A56 AFD529DD
      DA2D4393
      """;

  private static final String B_PRIVATE =
      """
      E487CB59 D31AC550 471E81F0 0F6928E0 1DDA08E9 74A004F4 9E61F5D1
      05284D20
      """;

  private static final String A_PUBLIC =
      """
      61D5E490 F6F1B795 47B0704C 436F523D D0E560F0 C64115BB 72557EC4
      4352E890 3211C046 92272D8B 2D1A5358 A2CF1B6E 0BFCF99F 921530EC
      8E393561 79EAE45E 42BA92AE ACED8251 71E1E8B9 AF6D9C03 E1327F44
      BE087EF0 6530E69F 66615261 EEF54073 CA11CF58 58F0EDFD FE15EFEA
      B349EF5D 76988A36 72FAC47B 0769447B
      """;

  private static final String B_PUBLIC =
      """
      BD0C6151 2C692C0C B6D041FA 01BB152D 4916A1E7 7AF46AE1 05393011
      BAF38964 DC46A067 0DD125B9 5A981652 236F99D9 B681CBF8 7837EC99
      6C6DA044 53728610 D0C6DDB5 8B318885 D7D82C7F 8DEB75CE 7BD4FBAA
      37089E6F 9C6059F3 88838E7A 00030B33 1EB76840 910440B1 B27AAEAE
      EB4012B7 D7665238 A8E3FB00 4B117B58
      """;

  private static final String U = "CE38B959 3487DA98 554ED47D 70A7AE5F 462EF019";

  private static final String PREMASTER_SECRET =
      """
      B0DC82BA BCF30674 AE450C02 87745E79 90A3381F 63B387AA F271A10D
      233861E3 59B48220 F7C4693C 9AE12B0A 6F67809F 0876E2D0 13800D6C
      41BB59B6 D5979B5C 00A172B4 A2A5903A 0BDCAF8A 709585EB 2AFAFA8F
      3499B200 210DCC1F 10EB3394 3CD67FC8 8A2F39A4 BE5BEC4E C0A3212D
      C346D7E4 74B29EDE 8A469FFE CA686E5A
      """;

  private static final SrpGroup GROUP = SrpGroup.RFC5054_1024_SHA1;

  /** Everything one run computes, through this package's wiring. */
  private record Run(
      BigInteger k,
      BigInteger x,
      BigInteger v,
      BigInteger publicA,
      BigInteger publicB,
      BigInteger u,
      BigInteger appSecret,
      BigInteger serverSecret,
      AppSession app,
      Optional<ServerResult> result) {

    static Run compute() throws ProtocolException {
      byte[] salt = Hex.bytes(S);
      byte[] identity = I.getBytes(StandardCharsets.UTF_8);
      byte[] password = P.getBytes(StandardCharsets.UTF_8);
      BigInteger v = Srp6.verifier(GROUP, salt, identity, password);
      AppSession app =
          AppSession.start(GROUP, null, null, identity, password, Hex.number(A_PRIVATE));
      byte[] b = GROUP.pad(Hex.number(B_PRIVATE));
      ServerChallenge challenge = ServerRole.start(GROUP, v, app.A(), Hex.number(B_PRIVATE));
      byte[] m1 = app.respond(salt, challenge.B());
      return new Run(
          Srp6.k(GROUP),
          Srp6.x(GROUP, salt, identity, password),
          v,
          new BigInteger(1, app.A()),
          new BigInteger(1, challenge.B()),
          app.scramblingParameter(),
          app.premasterSecret(),
          ServerRole.premasterSecret(GROUP, v, app.A(), b),
          app,
          ServerRole.finish(GROUP, v, app.A(), b, m1));
    }
  }

  private static final Run RUN;

  static {
    try {
      RUN = Run.compute();
    } catch (ProtocolException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static Stream<Arguments> appendixB() {
    return Stream.of(
        row("k", K, Run::k),
        row("x", X, Run::x),
        row("v", V, Run::v),
        row("A", A_PUBLIC, Run::publicA),
        row("B", B_PUBLIC, Run::publicB),
        row("u", U, Run::u),
        row("premaster secret (app)", PREMASTER_SECRET, Run::appSecret),
        row("premaster secret (server)", PREMASTER_SECRET, Run::serverSecret));
  }

  private static Arguments row(String name, String expected, Function<Run, BigInteger> actual) {
    return Arguments.of(name, expected, actual);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("appendixB")
  void appendixBWhenComputedThenMatchesRfc(
      String name, String expected, Function<Run, BigInteger> actual) {
    assertThat(actual.apply(RUN)).as(name).isEqualTo(Hex.number(expected));
  }

  @Test
  void appendixBWhenRunToTheEndThenBothEvidenceMessagesCheck() {
    assertThat(RUN.result()).isPresent();
    assertThat(RUN.app().verifyServer(RUN.result().orElseThrow().M2())).isTrue();
    assertThat(RUN.app().sessionKey()).isEqualTo(RUN.result().orElseThrow().sessionKey());
  }
}
