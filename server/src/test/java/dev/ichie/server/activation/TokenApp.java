package dev.ichie.server.activation;

import dev.ichie.activation.ActivationJson;
import dev.ichie.activation.AppSession;
import dev.ichie.activation.FinishRequest;
import dev.ichie.activation.FinishResponse;
import dev.ichie.activation.ProtocolException;
import dev.ichie.activation.StartRequest;
import dev.ichie.activation.StartResponse;
import dev.ichie.server.support.Http;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The token app's role of the protocol, over real HTTP, as a test client; public for the browser
 * tests of web banking.
 */
public final class TokenApp {

  /** How a run ended. */
  public record Run(
      Http.Answer start,
      Http.Answer finish,
      StartResponse started,
      FinishResponse finished,
      boolean m2Verified,
      byte[] secret) {}

  private final Http http;
  private final SecureRandom random = new SecureRandom();

  public TokenApp(Http http) {
    this.http = http;
  }

  public Run activate(String serviceId, String userId, String password) throws ProtocolException {
    return activate(serviceId, userId, password, 1, 1, null, false);
  }

  /**
   * A run of either version: {@code start} in one, {@code finish} in another (the same, unless a
   * test wants the mismatch), version 2 with this device key and its proof, spoilt if asked.
   */
  public Run activate(
      String serviceId,
      String userId,
      String password,
      int startVersion,
      int finishVersion,
      byte[] deviceKey,
      boolean wrongProof)
      throws ProtocolException {
    AppSession app = AppSession.start(serviceId, userId, password, random);
    Http.Answer start =
        http.postBytes(
            "/api/activation/v1/start",
            ActivationJson.write(new StartRequest(startVersion, serviceId, userId, app.A())),
            "Content-Type",
            "application/json",
            "Accept-Language",
            "en");
    if (start.status() != 200) {
      return new Run(start, null, null, null, false, null);
    }
    StartResponse started =
        ActivationJson.readStartResponse(start.body().getBytes(StandardCharsets.UTF_8));
    byte[] m1 = app.respond(started.salt(), started.B());
    byte[] proof = null;
    if (finishVersion == 2) {
      proof = app.deviceKeyProof(started.activationId(), deviceKey);
      if (wrongProof) {
        proof[0] ^= 1;
      }
    }
    Http.Answer finish =
        http.postBytes(
            "/api/activation/v1/finish",
            ActivationJson.write(
                new FinishRequest(
                    finishVersion,
                    started.activationId(),
                    m1,
                    "Test phone",
                    finishVersion == 2 ? deviceKey : null,
                    proof)),
            "Content-Type",
            "application/json",
            "Accept-Language",
            "en");
    if (finish.status() != 200) {
      return new Run(start, finish, started, null, false, null);
    }
    FinishResponse finished =
        ActivationJson.readFinishResponse(finish.body().getBytes(StandardCharsets.UTF_8));
    boolean ok = app.verifyServer(finished.M2());
    byte[] secret =
        ok
            ? app.deriveTokenSecret(
                started.activationId(),
                finished.credentialId(),
                finished.algorithm().secretLength())
            : null;
    return new Run(start, finish, started, finished, ok, secret);
  }
}
