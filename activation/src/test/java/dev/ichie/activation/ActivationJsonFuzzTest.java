package dev.ichie.activation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * The activation protocol's parsers over any bytes: each either reads a message whose writing reads
 * back to the same bytes, or refuses with a {@link ProtocolException} that says why; never another
 * exception. Regression tests over their corpus ({@code ActivationJsonFuzzTestInputs/<target>});
 * real fuzzing with {@code JAZZER_FUZZ=1}.
 */
class ActivationJsonFuzzTest {

  /** A parser of one message type and its writer. */
  interface Codec<T> {
    T read(byte[] json) throws ProtocolException;

    byte[] write(T message);
  }

  static <T> void check(Codec<T> codec, byte[] json) {
    try {
      byte[] written = codec.write(codec.read(json));
      assertThat(codec.write(codec.read(written))).isEqualTo(written);
    } catch (ProtocolException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({
    "{\"version\":1,",
    "{\"version\":2,",
    "}",
    ":\"",
    "\",",
    "REGISTERED",
    "REQUIRED",
    "OPTIONAL",
    "SHA1",
    "SHA256",
    "AAAA",
    "2026-12-03T00:00:00Z",
    "\"A\":",
    "\"B\":",
    "\"M1\":",
    "\"M2\":",
    "\"activationId\":",
    "\"algorithm\":",
    "\"appLock\":",
    "\"credentialId\":",
    "\"deviceKey\":",
    "\"deviceKeyProof\":",
    "\"deviceLabel\":",
    "\"devicePublicKey\":",
    "\"digits\":",
    "\"error\":",
    "\"message\":",
    "\"period\":",
    "\"salt\":",
    "\"serverTime\":",
    "\"serviceId\":",
    "\"serviceName\":",
    "\"userId\":",
    "\"version\":"
  })
  void startRequest(byte @NotNull [] json) {
    check(
        new Codec<StartRequest>() {
          public StartRequest read(byte[] b) throws ProtocolException {
            return ActivationJson.readStartRequest(b);
          }

          public byte[] write(StartRequest m) {
            return ActivationJson.write(m);
          }
        },
        json);
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({
    "{\"version\":1,",
    "{\"version\":2,",
    "}",
    ":\"",
    "\",",
    "REGISTERED",
    "REQUIRED",
    "OPTIONAL",
    "SHA1",
    "SHA256",
    "AAAA",
    "2026-12-03T00:00:00Z",
    "\"A\":",
    "\"B\":",
    "\"M1\":",
    "\"M2\":",
    "\"activationId\":",
    "\"algorithm\":",
    "\"appLock\":",
    "\"credentialId\":",
    "\"deviceKey\":",
    "\"deviceKeyProof\":",
    "\"deviceLabel\":",
    "\"devicePublicKey\":",
    "\"digits\":",
    "\"error\":",
    "\"message\":",
    "\"period\":",
    "\"salt\":",
    "\"serverTime\":",
    "\"serviceId\":",
    "\"serviceName\":",
    "\"userId\":",
    "\"version\":"
  })
  void startResponse(byte @NotNull [] json) {
    check(
        new Codec<StartResponse>() {
          public StartResponse read(byte[] b) throws ProtocolException {
            return ActivationJson.readStartResponse(b);
          }

          public byte[] write(StartResponse m) {
            return ActivationJson.write(m);
          }
        },
        json);
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({
    "{\"version\":1,",
    "{\"version\":2,",
    "}",
    ":\"",
    "\",",
    "REGISTERED",
    "REQUIRED",
    "OPTIONAL",
    "SHA1",
    "SHA256",
    "AAAA",
    "2026-12-03T00:00:00Z",
    "\"A\":",
    "\"B\":",
    "\"M1\":",
    "\"M2\":",
    "\"activationId\":",
    "\"algorithm\":",
    "\"appLock\":",
    "\"credentialId\":",
    "\"deviceKey\":",
    "\"deviceKeyProof\":",
    "\"deviceLabel\":",
    "\"devicePublicKey\":",
    "\"digits\":",
    "\"error\":",
    "\"message\":",
    "\"period\":",
    "\"salt\":",
    "\"serverTime\":",
    "\"serviceId\":",
    "\"serviceName\":",
    "\"userId\":",
    "\"version\":"
  })
  void finishRequest(byte @NotNull [] json) {
    check(
        new Codec<FinishRequest>() {
          public FinishRequest read(byte[] b) throws ProtocolException {
            return ActivationJson.readFinishRequest(b);
          }

          public byte[] write(FinishRequest m) {
            return ActivationJson.write(m);
          }
        },
        json);
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({
    "{\"version\":1,",
    "{\"version\":2,",
    "}",
    ":\"",
    "\",",
    "REGISTERED",
    "REQUIRED",
    "OPTIONAL",
    "SHA1",
    "SHA256",
    "AAAA",
    "2026-12-03T00:00:00Z",
    "\"A\":",
    "\"B\":",
    "\"M1\":",
    "\"M2\":",
    "\"activationId\":",
    "\"algorithm\":",
    "\"appLock\":",
    "\"credentialId\":",
    "\"deviceKey\":",
    "\"deviceKeyProof\":",
    "\"deviceLabel\":",
    "\"devicePublicKey\":",
    "\"digits\":",
    "\"error\":",
    "\"message\":",
    "\"period\":",
    "\"salt\":",
    "\"serverTime\":",
    "\"serviceId\":",
    "\"serviceName\":",
    "\"userId\":",
    "\"version\":"
  })
  void finishResponse(byte @NotNull [] json) {
    check(
        new Codec<FinishResponse>() {
          public FinishResponse read(byte[] b) throws ProtocolException {
            return ActivationJson.readFinishResponse(b);
          }

          public byte[] write(FinishResponse m) {
            return ActivationJson.write(m);
          }
        },
        json);
  }

  @FuzzTest(maxDuration = "20s")
  @DictionaryEntries({
    "{\"version\":1,",
    "{\"version\":2,",
    "}",
    ":\"",
    "\",",
    "REGISTERED",
    "REQUIRED",
    "OPTIONAL",
    "SHA1",
    "SHA256",
    "AAAA",
    "2026-12-03T00:00:00Z",
    "\"A\":",
    "\"B\":",
    "\"M1\":",
    "\"M2\":",
    "\"activationId\":",
    "\"algorithm\":",
    "\"appLock\":",
    "\"credentialId\":",
    "\"deviceKey\":",
    "\"deviceKeyProof\":",
    "\"deviceLabel\":",
    "\"devicePublicKey\":",
    "\"digits\":",
    "\"error\":",
    "\"message\":",
    "\"period\":",
    "\"salt\":",
    "\"serverTime\":",
    "\"serviceId\":",
    "\"serviceName\":",
    "\"userId\":",
    "\"version\":"
  })
  void errorResponse(byte @NotNull [] json) {
    check(
        new Codec<ErrorResponse>() {
          public ErrorResponse read(byte[] b) throws ProtocolException {
            return ActivationJson.readErrorResponse(b);
          }

          public byte[] write(ErrorResponse m) {
            return ActivationJson.write(m);
          }
        },
        json);
  }
}
