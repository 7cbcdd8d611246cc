package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6287 Appendix C: every suite and vector of C.1, C.2 and C.3. */
class OcraTest {

  /** The PIN of RFC 6287 Appendix C, and its SHA-1 hash given there. */
  private static final String PIN = "1234";

  private static final String PIN_SHA1 = "7110eda4d09e062aa5e4a390b0a572ac0d2c0220";

  /** Timestamp of Appendix C: 0x132d0b6 minutes, "Mar 25 2008, 12:06:30 GMT". */
  private static final Instant TIMESTAMP = Instant.parse("2008-03-25T12:06:30Z");

  /** The standard 20-, 32- and 64-byte keys of Appendix C. */
  private static Secret key(int length) {
    String key =
        switch (length) {
          case 20 -> "12345678901234567890";
          case 32 -> "12345678901234567890123456789012";
          case 64 -> "1234567890123456789012345678901234567890123456789012345678901234";
          default -> throw new IllegalArgumentException("no standard key of " + length + " bytes");
        };
    return Secret.of(key.getBytes(StandardCharsets.US_ASCII));
  }

  @ParameterizedTest(name = "{0} C={2} Q={3}: {6}")
  @CsvFileSource(resources = "/dev/ichie/otp/rfc6287-appendix-c1.csv", delimiter = '|')
  void generateWhenOneWayChallengeResponseThenMatchesAppendixC1(
      String suiteText,
      int keyLength,
      Long counter,
      String question,
      String pin,
      String timeStepsHex,
      String expected) {
    OcraSuite suite = OcraSuite.parse(suiteText);
    OcraInput.Builder input = OcraInput.builder(suite).challenge(question);
    if (counter != null) {
      input.counter(counter);
    }
    if (pin != null) {
      input.pin(pin);
    }
    if (timeStepsHex != null) {
      input.timeSteps(Long.parseLong(timeStepsHex, 16));
    }
    Ocra ocra = new Ocra(suite);

    assertThat(ocra.generate(key(keyLength), input.build())).isEqualTo(expected);
    assertThat(ocra.verify(key(keyLength), input.build(), expected)).isTrue();
  }

  @ParameterizedTest(name = "{0} {2}/{3}: {5}")
  @CsvFileSource(resources = "/dev/ichie/otp/rfc6287-appendix-c2.csv", delimiter = '|')
  void generateWhenMutualServerComputationThenMatchesAppendixC2(
      String suiteText,
      int keyLength,
      String clientChallenge,
      String serverChallenge,
      String pin,
      String expected) {
    OcraSuite suite = OcraSuite.parse(suiteText);
    OcraInput.Builder builder =
        OcraInput.builder(suite).serverComputation(clientChallenge, serverChallenge);
    if (pin != null) {
      builder.pin(pin);
    }
    OcraInput input = builder.build();

    assertThat(input.question()).isEqualTo(clientChallenge + serverChallenge);
    assertThat(new Ocra(suite).generate(key(keyLength), input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {2}/{3}: {5}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # C.2 Mutual Challenge-Response, client computation: R-C over the server's challenge then
          # the client's (question "SRV1111xCLI2222x").
          # Suite                         | Key | Client QC | Server QS | PIN  | OCRA client
          OCRA-1:HOTP-SHA256-8:QA08       | 32  | CLI22220  | SRV11110  |      | 15510767
          OCRA-1:HOTP-SHA256-8:QA08       | 32  | CLI22221  | SRV11111  |      | 90175646
          OCRA-1:HOTP-SHA256-8:QA08       | 32  | CLI22222  | SRV11112  |      | 33777207
          OCRA-1:HOTP-SHA256-8:QA08       | 32  | CLI22223  | SRV11113  |      | 95285278
          OCRA-1:HOTP-SHA256-8:QA08       | 32  | CLI22224  | SRV11114  |      | 28934924
          OCRA-1:HOTP-SHA512-8:QA08-PSHA1 | 64  | CLI22220  | SRV11110  | 1234 | 18806276
          OCRA-1:HOTP-SHA512-8:QA08-PSHA1 | 64  | CLI22221  | SRV11111  | 1234 | 70020315
          OCRA-1:HOTP-SHA512-8:QA08-PSHA1 | 64  | CLI22222  | SRV11112  | 1234 | 01600026
          OCRA-1:HOTP-SHA512-8:QA08-PSHA1 | 64  | CLI22223  | SRV11113  | 1234 | 18951020
          OCRA-1:HOTP-SHA512-8:QA08-PSHA1 | 64  | CLI22224  | SRV11114  | 1234 | 32528969
          """)
  void generateWhenMutualClientComputationThenMatchesAppendixC2(
      String suiteText,
      int keyLength,
      String clientChallenge,
      String serverChallenge,
      String pin,
      String expected) {
    OcraSuite suite = OcraSuite.parse(suiteText);
    OcraInput.Builder builder =
        OcraInput.builder(suite).clientComputation(clientChallenge, serverChallenge);
    if (pin != null) {
      builder.pin(pin);
    }
    OcraInput input = builder.build();

    assertThat(input.question()).isEqualTo(serverChallenge + clientChallenge);
    assertThat(new Ocra(suite).generate(key(keyLength), input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} Q={2}: {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # C.3 Plain Signature. T: the Appendix C timestamp, 12:06:30 GMT on 25 March 2008.
          # Suite                         | Key | Q          | T    | OCRA
          OCRA-1:HOTP-SHA256-8:QA08       | 32  | SIG10000   |      | 53095496
          OCRA-1:HOTP-SHA256-8:QA08       | 32  | SIG11000   |      | 04110475
          OCRA-1:HOTP-SHA256-8:QA08       | 32  | SIG12000   |      | 31331128
          OCRA-1:HOTP-SHA256-8:QA08       | 32  | SIG13000   |      | 76028668
          OCRA-1:HOTP-SHA256-8:QA08       | 32  | SIG14000   |      | 46554205
          OCRA-1:HOTP-SHA512-8:QA10-T1M   | 64  | SIG1000000 | 2008 | 77537423
          OCRA-1:HOTP-SHA512-8:QA10-T1M   | 64  | SIG1100000 | 2008 | 31970405
          OCRA-1:HOTP-SHA512-8:QA10-T1M   | 64  | SIG1200000 | 2008 | 10235557
          OCRA-1:HOTP-SHA512-8:QA10-T1M   | 64  | SIG1300000 | 2008 | 95213541
          OCRA-1:HOTP-SHA512-8:QA10-T1M   | 64  | SIG1400000 | 2008 | 65360607
          """)
  void generateWhenPlainSignatureThenMatchesAppendixC3(
      String suiteText, int keyLength, String question, String time, String expected) {
    OcraSuite suite = OcraSuite.parse(suiteText);
    OcraInput.Builder input = OcraInput.builder(suite).challenge(question);
    if (time != null) {
      input.time(TIMESTAMP);
    }

    assertThat(new Ocra(suite).generate(key(keyLength), input.build())).isEqualTo(expected);
  }

  @Test
  void timeWhenAppendixCTimestampThenGivesItsTimeSteps() {
    OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA512-8:QN08-T1M");
    Ocra ocra = new Ocra(suite);
    OcraInput byTime = OcraInput.builder(suite).challenge("00000000").time(TIMESTAMP).build();
    OcraInput bySteps =
        OcraInput.builder(suite).challenge("00000000").timeSteps(0x132d0b6L).build();

    assertThat(byTime.toString()).contains("timeSteps=" + 0x132d0b6L);
    assertThat(ocra.generate(key(64), byTime)).isEqualTo(ocra.generate(key(64), bySteps));
    assertThat(ocra.generate(key(64), byTime)).isEqualTo("95209754");
  }

  @Test
  void pinWhenHashedThenEqualsAppendixCPinHash() {
    OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1");
    Ocra ocra = new Ocra(suite);
    OcraInput byHash =
        OcraInput.builder(suite)
            .counter(0)
            .challenge("12345678")
            .pinHash(HexFormat.of().parseHex(PIN_SHA1))
            .build();
    OcraInput byPin = OcraInput.builder(suite).counter(0).challenge("12345678").pin(PIN).build();

    assertThat(ocra.generate(key(32), byHash)).isEqualTo("65347737");
    assertThat(byPin.message()).isEqualTo(byHash.message());
    assertThat(byPin.toString()).doesNotContain(PIN_SHA1).contains("PIN hash");
  }

  @Test
  void verifyWhenResponseWrongOrOfOtherLengthThenFalse() {
    OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08");
    Ocra ocra = new Ocra(suite);
    OcraInput input = OcraInput.builder(suite).challenge("00000000").build();

    assertThat(ocra.verify(key(20), input, "237653")).isTrue();
    assertThat(ocra.verify(key(20), input, "237654")).isFalse();
    assertThat(ocra.verify(key(20), input, "23765")).isFalse();
    assertThat(ocra.verify(key(20), input, "2376530")).isFalse();
    assertThat(ocra.verify(key(20), input, "")).isFalse();
  }

  @Test
  void generateWhenNoTruncationThenGivesWholeHmacInHex() {
    OcraSuite truncated = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QH40");
    OcraSuite whole = OcraSuite.parse("OCRA-1:HOTP-SHA1-0:QH40");

    String response =
        new Ocra(whole).generate(key(20), OcraInput.builder(whole).challenge("ABCDEF").build());

    assertThat(response).hasSize(40).matches("[0-9A-F]+");
    assertThat(
            new Ocra(truncated)
                .generate(key(20), OcraInput.builder(truncated).challenge("ABCDEF").build()))
        .hasSize(6);
  }

  @Test
  void generateWhenSessionInformationThenItChangesTheResponse() {
    OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08-S064-T1M");
    Ocra ocra = new Ocra(suite);
    byte[] session = new byte[64];
    session[63] = 1;
    OcraInput a =
        OcraInput.builder(suite)
            .challenge("12345678")
            .sessionInformation(session)
            .time(TIMESTAMP)
            .build();
    OcraInput shortForm =
        OcraInput.builder(suite)
            .challenge("12345678")
            .sessionInformation(new byte[] {1})
            .time(TIMESTAMP)
            .build();
    OcraInput b =
        OcraInput.builder(suite)
            .challenge("12345678")
            .sessionInformation(new byte[64])
            .time(TIMESTAMP)
            .build();

    assertThat(a.message()).isEqualTo(shortForm.message());
    assertThat(ocra.generate(key(20), a)).isEqualTo(ocra.generate(key(20), shortForm));
    assertThat(ocra.generate(key(20), a)).isNotEqualTo(ocra.generate(key(20), b));
    assertThat(a.message())
        .hasSize(suite.toString().length() + 1 + 128 + 64 + 8)
        .startsWith(suite.toString().getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void questionWhenNumericThenEncodedAsHexadecimalValueLeftAligned() {
    OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08");
    int offset = suite.toString().length() + 1;

    // 22222222 = 0x1531D8E: seven nibbles, left-aligned, so the last byte is E0.
    byte[] message = OcraInput.builder(suite).challenge("22222222").build().message();

    assertThat(message[offset]).isEqualTo((byte) 0x15);
    assertThat(message[offset + 3]).isEqualTo((byte) 0xE0);
    assertThat(message[offset + 4]).isZero();
    assertThat(message).hasSize(offset + 128);
  }

  @Test
  void questionWhenHexadecimalThenEncodedAsItsNibbles() {
    OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QH08");
    int offset = suite.toString().length() + 1;

    byte[] message = OcraInput.builder(suite).challenge("aBc").build().message();

    assertThat(message[offset]).isEqualTo((byte) 0xAB);
    assertThat(message[offset + 1]).isEqualTo((byte) 0xC0);
  }

  @Test
  void builderWhenInputDoesNotFitSuiteThenFailsWithExactMessages() {
    OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08");
    OcraSuite full = OcraSuite.parse("OCRA-1:HOTP-SHA256-8:C-QA08-PSHA256-S004-T30S");

    assertThatThrownBy(() -> OcraInput.builder(suite).challenge("123456789"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("challenge must be 1 to 8 characters, was 9");
    assertThatThrownBy(() -> OcraInput.builder(suite).challenge(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("challenge must be 1 to 8 characters, was 0");
    assertThatThrownBy(() -> OcraInput.builder(suite).challenge("1234A678"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("challenge has a character not allowed in format N (numeric) at index 4");
    assertThatThrownBy(() -> OcraInput.builder(suite).challenge("１２３４"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("challenge has a character not allowed in format N (numeric) at index 0");
    assertThatThrownBy(() -> OcraInput.builder(full).serverComputation("CLI-2222", "SRV11110"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "client challenge has a character not allowed in format A (alphanumeric) at index 3");
    assertThatThrownBy(() -> OcraInput.builder(full).clientComputation("CLI2222", "SRV111100"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("server challenge must be 1 to 8 characters, was 9");
    assertThatThrownBy(() -> OcraInput.builder(suite).counter(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("suite OCRA-1:HOTP-SHA1-6:QN08 has no counter (C)");
    assertThatThrownBy(() -> OcraInput.builder(suite).pin(PIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("suite OCRA-1:HOTP-SHA1-6:QN08 has no PIN (P)");
    assertThatThrownBy(() -> OcraInput.builder(suite).sessionInformation(new byte[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("suite OCRA-1:HOTP-SHA1-6:QN08 has no session information (S)");
    assertThatThrownBy(() -> OcraInput.builder(suite).time(TIMESTAMP))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("suite OCRA-1:HOTP-SHA1-6:QN08 has no timestamp (T)");
    assertThatThrownBy(() -> OcraInput.builder(full).pinHash(new byte[20]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PIN hash must be 32 bytes for SHA256, was 20");
    assertThatThrownBy(() -> OcraInput.builder(full).sessionInformation(new byte[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("session information must be at most 4 bytes, was 5");
    assertThatThrownBy(() -> OcraInput.builder(full).time(Instant.ofEpochSecond(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time must not be before 1970-01-01T00:00:00Z, was 1969-12-31T23:59:59Z");
    assertThatThrownBy(() -> OcraInput.builder(full).timeSteps(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time steps must not be negative, was -1");
  }

  @Test
  void buildWhenSuiteInputMissingThenFailsWithExactMessages() {
    OcraSuite full = OcraSuite.parse("OCRA-1:HOTP-SHA256-8:C-QA08-PSHA256-S004-T30S");

    assertThatThrownBy(() -> OcraInput.builder(full).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("suite " + full + " needs a counter (C)");
    assertThatThrownBy(() -> OcraInput.builder(full).counter(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("suite " + full + " needs a question (Q)");
    assertThatThrownBy(() -> OcraInput.builder(full).counter(0).challenge("A").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("suite " + full + " needs a PIN (P)");
    assertThatThrownBy(() -> OcraInput.builder(full).counter(0).challenge("A").pin(PIN).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("suite " + full + " needs session information (S)");
    assertThatThrownBy(
            () ->
                OcraInput.builder(full)
                    .counter(0)
                    .challenge("A")
                    .pin(PIN)
                    .sessionInformation(new byte[4])
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("suite " + full + " needs a timestamp (T)");
  }

  @Test
  void generateWhenInputOfAnotherSuiteThenFails() {
    OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08");
    OcraSuite other = OcraSuite.parse("OCRA-1:HOTP-SHA1-8:QN08");
    OcraInput input = OcraInput.builder(other).challenge("1").build();

    assertThatThrownBy(() -> new Ocra(suite).generate(key(20), input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "input was made for suite OCRA-1:HOTP-SHA1-8:QN08, not OCRA-1:HOTP-SHA1-6:QN08");
  }
}
