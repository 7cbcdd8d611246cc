package dev.ichie.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ichie.activation.ActivationJson;
import dev.ichie.activation.AppSession;
import dev.ichie.activation.Confirmation;
import dev.ichie.activation.FinishRequest;
import dev.ichie.activation.FinishResponse;
import dev.ichie.activation.StartRequest;
import dev.ichie.activation.StartResponse;
import dev.ichie.otp.Ocra;
import dev.ichie.otp.OcraInput;
import dev.ichie.otp.OcraSuite;
import dev.ichie.otp.Secret;
import dev.ichie.otp.Totp;
import dev.ichie.otp.TotpParameters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 取引認証 on two server processes sharing one PostgreSQL (the one scripts/test.sh starts), the app
 * played from the protocols: an activation started on one node and finished on the other registers
 * the device key; a confirmation made on one is polled on the other; the same signed decision sent
 * to both at once is taken once, and later to either is refused; a poll replayed to the other node
 * is refused; an offline code taken on one is REPLAYED on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesE2ETest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private DemoServer a;
  private DemoServer b;

  @BeforeAll
  void twoNodes() throws Exception {
    String url = System.getenv("ICHIE_TEST_POSTGRES_URL");
    assertThat(url)
        .as(
            "the two-node test needs ICHIE_TEST_POSTGRES_URL; run 'bash scripts/test.sh', which"
                + " starts a throw-away PostgreSQL 15")
        .isNotBlank();
    String[] pg = {
      "--spring.datasource.url=" + url,
      "--spring.datasource.username="
          + System.getenv().getOrDefault("ICHIE_TEST_POSTGRES_USER", "ichie"),
      "--spring.datasource.password="
          + System.getenv().getOrDefault("ICHIE_TEST_POSTGRES_PASSWORD", "ichie")
    };
    Path work = Files.createTempDirectory("ichie-two-nodes-");
    // One after the other: the second node finds the first's key store and migrated schema.
    a = DemoServer.start(work, pg);
    b = DemoServer.start(work, pg);
  }

  @AfterAll
  void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
  }

  private record Http(int status, JsonNode json) {}

  private static Http post(DemoServer node, String path, String body) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Http(r.statusCode(), JSON.readTree(r.body()));
  }

  private static byte[] sign(KeyPair key, byte[] bytes) throws Exception {
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(key.getPrivate());
    s.update(bytes);
    return s.sign();
  }

  @Test
  void confirmationWhenDecidedOnEitherNodeThenOnceAndReplaysRefusedOnTheOther() throws Exception {
    String customer = "two-" + System.nanoTime() % 1_000_000_000L;
    String password = "35792468";
    String userId = a.issue(customer, password);

    // Activation version 2: start on A, finish on B.
    AppSession session = AppSession.start("demo", userId, password, new SecureRandom());
    HttpResponse<byte[]> startAnswer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(a.url() + "/api/activation/v1/start"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        ActivationJson.write(new StartRequest(2, "demo", userId, session.A()))))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(startAnswer.statusCode()).isEqualTo(200);
    StartResponse started = ActivationJson.readStartResponse(startAnswer.body());
    byte[] m1 = session.respond(started.salt(), started.B());
    KeyPair key = DeviceKeyPairs.generate();
    byte[] spki = key.getPublic().getEncoded();
    HttpResponse<byte[]> finishAnswer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(b.url() + "/api/activation/v1/finish"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        ActivationJson.write(
                            new FinishRequest(
                                2,
                                started.activationId(),
                                m1,
                                "two nodes",
                                spki,
                                session.deviceKeyProof(started.activationId(), spki)))))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(finishAnswer.statusCode()).as(new String(finishAnswer.body())).isEqualTo(200);
    FinishResponse finished = ActivationJson.readFinishResponse(finishAnswer.body());
    assertThat(finished.deviceKeyRegistered()).isTrue();
    assertThat(session.verifyServer(finished.M2())).isTrue();
    byte[] secret = session.deriveTokenSecret(started.activationId(), finished.credentialId(), 20);
    String code = new Totp(TotpParameters.DEFAULT).generate(Secret.of(secret), Instant.now());
    assertThat(b.startOfUse(customer, code)).isEqualTo("OK");

    String identity =
        "\"version\":1,\"serviceId\":\"demo\",\"userId\":\"%s\",\"credentialId\":\"%s\""
            .formatted(userId, finished.credentialId());

    // Made on B, polled on A; the same poll replayed to B is refused.
    String id = b.confirmation(customer, 50_000);
    String time = Confirmation.TIME.format(Instant.now());
    String poll =
        "{%s,\"time\":\"%s\",\"signature\":\"%s\"}"
            .formatted(
                identity,
                time,
                B64.encodeToString(
                    sign(
                        key,
                        Confirmation.pollBytes("demo", userId, finished.credentialId(), time))));
    Http polled = post(a, "/api/app/v1/confirmations/pending", poll);
    assertThat(polled.status()).as(polled.json().toString()).isEqualTo(200);
    JsonNode c = polled.json().get("confirmations").get(0);
    assertThat(c.get("confirmationId").asString()).isEqualTo(id);
    assertThat(post(b, "/api/app/v1/confirmations/pending", poll).status())
        .as("a poll taken on A is a replay on B")
        .isEqualTo(401);

    // The same signed decision to both nodes at once: taken once.
    List<Confirmation.Field> fields = new ArrayList<>();
    for (JsonNode f : c.get("fields")) {
      fields.add(new Confirmation.Field(f.get("name").asString(), f.get("value").asString()));
    }
    String decision =
        "{%s,\"decision\":\"APPROVE\",\"signature\":\"%s\"}"
            .formatted(
                identity,
                B64.encodeToString(
                    sign(
                        key,
                        Confirmation.decisionBytes(
                            "demo",
                            userId,
                            finished.credentialId(),
                            id,
                            "TRANSFER",
                            fields,
                            "APPROVE"))));
    String path = "/api/app/v1/confirmations/" + id + "/decision";
    CyclicBarrier barrier = new CyclicBarrier(8);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Http>> sent = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      DemoServer node = i % 2 == 0 ? a : b;
      sent.add(
          pool.submit(
              () -> {
                barrier.await();
                return post(node, path, decision);
              }));
    }
    int approved = 0;
    int already = 0;
    for (Future<Http> f : sent) {
      Http h = f.get();
      if (h.status() == 200 && "APPROVED".equals(h.json().get("result").asString())) {
        approved++;
      } else if (h.status() == 409 && "ALREADY_DECIDED".equals(h.json().get("error").asString())) {
        already++;
      }
    }
    pool.shutdown();
    assertThat(approved).as("decided once over both nodes").isEqualTo(1);
    assertThat(already).isEqualTo(7);
    assertThat(post(b, path, decision).status()).as("replayed to B later").isEqualTo(409);
    assertThat(a.confirmationState(customer, id)).isEqualTo("APPROVED");
    assertThat(b.confirmationState(customer, id)).isEqualTo("APPROVED");

    // The offline code: taken on A, the same code is REPLAYED on B.
    String first = a.confirmation(customer, 30_000);
    String second = b.confirmation(customer, 30_000);
    OcraSuite suite = OcraSuite.parse(Confirmation.OCRA_SUITE);
    String offline =
        new Ocra(suite)
            .generate(
                Secret.of(Confirmation.ocraKey(secret, finished.credentialId())),
                OcraInput.builder(suite)
                    .challenge(Confirmation.question("1234567", 30_000))
                    .timeSteps(Instant.now().getEpochSecond() / 60)
                    .build());
    assertThat(a.offlineCode(customer, first, offline)).isEqualTo("OK");
    assertThat(b.offlineCode(customer, second, offline)).isEqualTo("REPLAYED");
  }
}
