package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OcraSuiteTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "OCRA-1:HOTP-SHA1-6:QN08",
        "OCRA-1:HOTP-SHA512-8:C-QN08-PSHA1",
        "OCRA-1:HOTP-SHA256-8:QA08",
        "OCRA-1:HOTP-SHA1-6:QN08-S064-T1M",
        "OCRA-1:HOTP-SHA256-8:QN08-PSHA1",
        "OCRA-1:HOTP-SHA512-8:QA10-T1M",
        "OCRA-1:HOTP-SHA512-8:QA08-PSHA1",
        "OCRA-1:HOTP-SHA1-0:QH40",
        "OCRA-1:HOTP-SHA1-4:QH04-S001",
        "OCRA-1:HOTP-SHA1-10:QA64-S512",
        "OCRA-1:HOTP-SHA256-6:C-QH64-PSHA512-S128-T20S",
        "OCRA-1:HOTP-SHA256-6:QA10-T59M",
        "OCRA-1:HOTP-SHA256-6:QA10-T1H",
        "OCRA-1:HOTP-SHA256-6:QA10-T48H",
      })
  void parseWhenValidThenToStringGivesItBack(String text) {
    OcraSuite suite = OcraSuite.parse(text);

    assertThat(suite).hasToString(text);
    assertThat(OcraSuite.parse(suite.toString())).isEqualTo(suite);
  }

  @Test
  void parseWhenFullSuiteThenReadsEveryPart() {
    OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA512-8:C-QH16-PSHA256-S128-T14H");

    assertThat(suite.algorithm()).isEqualTo(HmacAlgorithm.SHA512);
    assertThat(suite.digits()).isEqualTo(8);
    assertThat(suite.usesCounter()).isTrue();
    assertThat(suite.challengeFormat()).isEqualTo(OcraSuite.ChallengeFormat.HEXADECIMAL);
    assertThat(suite.challengeLength()).isEqualTo(16);
    assertThat(suite.pinHash()).contains(HmacAlgorithm.SHA256);
    assertThat(suite.usesPin()).isTrue();
    assertThat(suite.sessionLength()).hasValue(128);
    assertThat(suite.usesSession()).isTrue();
    assertThat(suite.timeStep()).contains(Duration.ofHours(14));
    assertThat(suite.usesTime()).isTrue();
  }

  @Test
  void parseWhenMinimalSuiteThenHasNoOptionalParts() {
    OcraSuite suite = OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08");

    assertThat(suite)
        .isEqualTo(
            new OcraSuite(
                HmacAlgorithm.SHA1,
                6,
                false,
                OcraSuite.ChallengeFormat.NUMERIC,
                8,
                Optional.empty(),
                OptionalInt.empty(),
                Optional.empty()));
    assertThat(suite.usesPin()).isFalse();
    assertThat(suite.usesSession()).isFalse();
    assertThat(suite.usesTime()).isFalse();
  }

  @Test
  void timeStepWhenSecondsMinutesOrHoursThenWrittenInTheLargestUnit() {
    assertThat(OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08-T30S").timeStep())
        .contains(Duration.ofSeconds(30));
    assertThat(OcraSuite.parse("OCRA-1:HOTP-SHA1-6:QN08-T5M").timeStep())
        .contains(Duration.ofMinutes(5));
    assertThat(
            new OcraSuite(
                HmacAlgorithm.SHA1,
                6,
                false,
                OcraSuite.ChallengeFormat.NUMERIC,
                8,
                Optional.empty(),
                OptionalInt.empty(),
                Optional.of(Duration.ofSeconds(7200))))
        .hasToString("OCRA-1:HOTP-SHA1-6:QN08-T2H");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # Suite                              | Reason
          OCRA-1:HOTP-SHA1-6                   | expected OCRA-1:HOTP-H-t:[C-]QFxx[-PH][-Snnn][-TG]
          OCRA-1:HOTP-SHA1-6:QN08:X            | expected OCRA-1:HOTP-H-t:[C-]QFxx[-PH][-Snnn][-TG]
          OCRA-2:HOTP-SHA1-6:QN08              | unsupported algorithm 'OCRA-2' (expected OCRA-1)
          ocra-1:HOTP-SHA1-6:QN08              | unsupported algorithm 'ocra-1' (expected OCRA-1)
          OCRA-1:TOTP-SHA1-6:QN08              | unsupported crypto function 'TOTP-SHA1-6' (expected HOTP-H-t, e.g. HOTP-SHA1-6)
          OCRA-1:HOTP-SHA1:QN08                | unsupported crypto function 'HOTP-SHA1' (expected HOTP-H-t, e.g. HOTP-SHA1-6)
          OCRA-1:HOTP-SHA3-6:QN08              | unknown hash function 'SHA3' in crypto function (expected SHA1, SHA256 or SHA512)
          OCRA-1:HOTP-SHA1-3:QN08              | digits must be 0 or between 4 and 10, was 3
          OCRA-1:HOTP-SHA1-11:QN08             | digits must be 0 or between 4 and 10, was 11
          OCRA-1:HOTP-SHA1-06:QN08             | bad truncation '06'
          OCRA-1:HOTP-SHA1-x:QN08              | bad truncation 'x'
          OCRA-1:HOTP-SHA1-6:                  | the data input must have a challenge QFxx
          OCRA-1:HOTP-SHA1-6:C                 | the data input must have a challenge QFxx
          OCRA-1:HOTP-SHA1-6:PSHA1-QN08        | the data input must have a challenge QFxx
          OCRA-1:HOTP-SHA1-6:QN8               | bad challenge 'QN8' (expected QFxx, e.g. QN08)
          OCRA-1:HOTP-SHA1-6:QX08              | unknown challenge format 'X' in 'QX08' (expected A, N or H)
          OCRA-1:HOTP-SHA1-6:QN03              | challenge length must be between 4 and 64, was 3
          OCRA-1:HOTP-SHA1-6:QN65              | challenge length must be between 4 and 64, was 65
          OCRA-1:HOTP-SHA1-6:QNxx              | bad challenge length in 'QNxx'
          OCRA-1:HOTP-SHA1-6:QN08-PSHA3        | unknown hash function 'SHA3' in PIN hash (expected SHA1, SHA256 or SHA512)
          OCRA-1:HOTP-SHA1-6:QN08-S64          | bad session length in 'S64'
          OCRA-1:HOTP-SHA1-6:QN08-S000         | session length must be between 1 and 512, was 0
          OCRA-1:HOTP-SHA1-6:QN08-S513         | session length must be between 1 and 512, was 513
          OCRA-1:HOTP-SHA1-6:QN08-T60S         | bad timestamp 'T60S' (expected TG with G like 30S, 1M or 24H)
          OCRA-1:HOTP-SHA1-6:QN08-T0H          | bad timestamp 'T0H' (expected TG with G like 30S, 1M or 24H)
          OCRA-1:HOTP-SHA1-6:QN08-T49H         | bad timestamp 'T49H' (expected TG with G like 30S, 1M or 24H)
          OCRA-1:HOTP-SHA1-6:QN08-T01M         | bad timestamp 'T01M' (expected TG with G like 30S, 1M or 24H)
          OCRA-1:HOTP-SHA1-6:QN08-T1X          | bad timestamp 'T1X' (expected TG with G like 30S, 1M or 24H)
          OCRA-1:HOTP-SHA1-6:QN08-T            | bad timestamp 'T' (expected TG with G like 30S, 1M or 24H)
          OCRA-1:HOTP-SHA1-6:QN08-T1M-PSHA1    | data input 'PSHA1' repeated or out of order (expected [C-]QFxx[-PH][-Snnn][-TG])
          OCRA-1:HOTP-SHA1-6:QN08-PSHA1-PSHA1  | data input 'PSHA1' repeated or out of order (expected [C-]QFxx[-PH][-Snnn][-TG])
          OCRA-1:HOTP-SHA1-6:QN08-C            | unknown data input 'C' (expected [C-]QFxx[-PH][-Snnn][-TG])
          OCRA-1:HOTP-SHA1-6:QN08-             | unknown data input '' (expected [C-]QFxx[-PH][-Snnn][-TG])
          """)
  void parseWhenMalformedThenFailsNamingTheProblem(String suite, String reason) {
    assertThatThrownBy(() -> OcraSuite.parse(suite))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid OCRA suite '" + suite + "': " + reason);
  }

  @Test
  void constructorWhenTimeStepNotExpressibleThenFails() {
    assertThatThrownBy(
            () ->
                new OcraSuite(
                    HmacAlgorithm.SHA1,
                    6,
                    false,
                    OcraSuite.ChallengeFormat.NUMERIC,
                    8,
                    Optional.empty(),
                    OptionalInt.empty(),
                    Optional.of(Duration.ofSeconds(90))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "time step must be 1 to 59 seconds, 1 to 59 minutes or 1 to 48 hours, was PT1M30S");
  }
}
