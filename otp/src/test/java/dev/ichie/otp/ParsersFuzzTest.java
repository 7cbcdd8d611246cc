package dev.ichie.otp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * The OTP library's parsers over any text: a Key URI or an OCRA suite either parses to one whose
 * text parses back to an equal one, or is refused with an {@link IllegalArgumentException} that
 * says why; an OCRA input either builds and gives a code of the suite's length, or is refused the
 * same way. Regression tests over their corpus ({@code ParsersFuzzTestInputs/<target>}); real
 * fuzzing with {@code JAZZER_FUZZ=1}.
 */
class ParsersFuzzTest {

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({
    "otpauth://totp/",
    "otpauth://hotp/",
    "Bank:hanako",
    "?secret=",
    "JBSWY3DPEHPK3PXP",
    "&issuer=",
    "&algorithm=SHA256",
    "&algorithm=SHA512",
    "&digits=8",
    "&period=60",
    "&counter=",
    "%20",
    "%3A"
  })
  void keyUri(@NotNull String uri) {
    KeyUri parsed;
    try {
      parsed = KeyUri.parse(uri);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    assertThat(KeyUri.parse(parsed.toUriString())).isEqualTo(parsed);
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryFile(resourcePath = "/dev/ichie/otp/ocra.dict")
  void ocraSuite(@NotNull String suite) {
    OcraSuite parsed;
    try {
      parsed = OcraSuite.parse(suite);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    assertThat(OcraSuite.parse(parsed.toString())).isEqualTo(parsed);
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryFile(resourcePath = "/dev/ichie/otp/ocra.dict")
  void ocraInput(FuzzedDataProvider data) {
    OcraSuite suite;
    try {
      suite = OcraSuite.parse(data.consumeString(40));
    } catch (IllegalArgumentException refused) {
      return;
    }
    String code;
    try {
      OcraInput.Builder input = OcraInput.builder(suite);
      if (data.consumeBoolean()) {
        input.counter(data.consumeLong());
      }
      input.challenge(data.consumeString(130));
      if (data.consumeBoolean()) {
        input.timeSteps(data.consumeLong());
      }
      if (data.consumeBoolean()) {
        input.pin(data.consumeString(16));
      }
      if (data.consumeBoolean()) {
        input.sessionInformation(data.consumeBytes(600));
      }
      byte[] key = data.consumeBytes(64);
      if (key.length == 0) {
        return;
      }
      code = new Ocra(suite).generate(Secret.of(key), input.build());
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    assertThat(code).hasSize(suite.digits()).containsOnlyDigits();
  }
}
