package dev.ichie.activation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.util.function.Function;

/**
 * The activation protocol's parsers over any bytes: each either reads a message whose writing reads
 * back to the same bytes, or refuses with a {@link ProtocolException} that says why; never another
 * exception. Regression tests over their corpus ({@code ActivationJsonFuzzTestInputs/<target>});
 * real fuzzing with {@code JAZZER_FUZZ=1}.
 */
class ActivationJsonFuzzTest {

  /** A parser of one message type. */
  interface Reader<T> {
    T read(byte[] json) throws ProtocolException;
  }

  static <T> void check(Reader<T> reader, Function<T, byte[]> writer, byte[] json) {
    try {
      byte[] written = writer.apply(reader.read(json));
      assertThat(writer.apply(reader.read(written))).isEqualTo(written);
    } catch (ProtocolException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryFile(resourcePath = "/dev/ichie/activation/activation.dict")
  void startRequest(byte @NotNull [] json) {
    check(
        ActivationJson::readStartRequest,
        (Function<StartRequest, byte[]>) ActivationJson::write,
        json);
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryFile(resourcePath = "/dev/ichie/activation/activation.dict")
  void startResponse(byte @NotNull [] json) {
    check(
        ActivationJson::readStartResponse,
        (Function<StartResponse, byte[]>) ActivationJson::write,
        json);
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryFile(resourcePath = "/dev/ichie/activation/activation.dict")
  void finishRequest(byte @NotNull [] json) {
    check(
        ActivationJson::readFinishRequest,
        (Function<FinishRequest, byte[]>) ActivationJson::write,
        json);
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryFile(resourcePath = "/dev/ichie/activation/activation.dict")
  void finishResponse(byte @NotNull [] json) {
    check(
        ActivationJson::readFinishResponse,
        (Function<FinishResponse, byte[]>) ActivationJson::write,
        json);
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryFile(resourcePath = "/dev/ichie/activation/activation.dict")
  void errorResponse(byte @NotNull [] json) {
    check(
        ActivationJson::readErrorResponse,
        (Function<ErrorResponse, byte[]>) ActivationJson::write,
        json);
  }
}
