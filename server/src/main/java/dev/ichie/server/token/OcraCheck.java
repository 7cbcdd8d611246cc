package dev.ichie.server.token;

import dev.ichie.activation.Confirmation;
import dev.ichie.otp.Ocra;
import dev.ichie.otp.OcraInput;
import dev.ichie.otp.OcraSuite;
import dev.ichie.otp.Secret;
import dev.ichie.server.audit.Actor;
import dev.ichie.server.audit.AuditLog;
import dev.ichie.server.tenant.Tenant;
import dev.ichie.server.tenant.Tenants;
import dev.ichie.server.vault.Vault;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The offline 取引認証番号 (CONFIRMATION.md): an OCRA code ({@value Confirmation#OCRA_SUITE}) over the
 * payee's account number and the amount, with a key derived from the token secret. A code of the
 * server's minute ±1 is taken once per step per token; wrong codes count against the token's OTP
 * failures and lock it at the same limit. The check takes the token's lock as a code check does.
 * Thread-safe.
 */
@Service
public final class OcraCheck {

  private static final String SEALED_PURPOSE = "token";
  private static final OcraSuite SUITE = OcraSuite.parse(Confirmation.OCRA_SUITE);
  private static final long STEP_SECONDS = 60;

  private final TokenRepository tokens;
  private final JdbcClient jdbc;
  private final AuditLog audit;
  private final Tenants tenants;
  private final Vault vault;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;

  OcraCheck(
      TokenRepository tokens,
      JdbcClient jdbc,
      AuditLog audit,
      Tenants tenants,
      Vault vault,
      Clock clock,
      TransactionTemplate tx,
      ApplicationEventPublisher events) {
    this.tokens = tokens;
    this.jdbc = jdbc;
    this.audit = audit;
    this.tenants = tenants;
    this.vault = vault;
    this.clock = clock;
    this.tx = tx;
    this.events = events;
  }

  /**
   * Checks an offline code of one token, while it is in use.
   *
   * @param serviceId the service
   * @param tokenId the token the code must come from (the one the confirmation was made for)
   * @param accountNumber the payee's 7-digit account number
   * @param amount the amount in yen
   * @param code the 8 digits
   * @param actor who, from where
   * @param detail what for, in the audit record (the confirmation id)
   * @return OK, WRONG_CODE, REPLAYED, LOCKED, MALFORMED or NOT_ACTIVE
   */
  public Result check(
      String serviceId,
      String tokenId,
      String accountNumber,
      long amount,
      String code,
      Actor actor,
      String detail) {
    Optional<Tenant> tenant = tenants.find(serviceId);
    if (tenant.isEmpty() || code == null || !code.matches("[0-9]{8}")) {
      return Result.MALFORMED;
    }
    String question = Confirmation.question(accountNumber, amount);
    int limit = tenant.get().otpFailuresBeforeLock();
    Result r =
        tx.execute(
            s -> {
              Optional<TokenRow> locked =
                  tokens.lockForCheckById(tokenId, TokenState.ACTIVE, limit);
              if (locked.isEmpty()) {
                return null;
              }
              TokenRow row = locked.get();
              long last =
                  jdbc.sql("SELECT ocra_last_step FROM token WHERE id = ?")
                      .param(row.id())
                      .query(Long.class)
                      .single();
              Instant now = clock.instant();
              long step = now.getEpochSecond() / STEP_SECONDS;
              byte[] raw =
                  vault.decrypt(
                      SEALED_PURPOSE, row.id(), row.secretKeyVersion(), row.secretCiphertext());
              byte[] key = Confirmation.ocraKey(raw, row.credentialId());
              Arrays.fill(raw, (byte) 0);
              long matched = Long.MIN_VALUE;
              try {
                Ocra ocra = new Ocra(SUITE);
                Secret secret = Secret.of(key);
                for (long s2 = step - 1; s2 <= step + 1; s2++) {
                  OcraInput input =
                      OcraInput.builder(SUITE).challenge(question).timeSteps(s2).build();
                  if (ocra.verify(secret, input, code)) {
                    matched = s2;
                    break;
                  }
                }
              } finally {
                Arrays.fill(key, (byte) 0);
              }
              AuditLog.Subject subject = TokenRows.subject(row);
              if (matched != Long.MIN_VALUE) {
                boolean taken =
                    matched > last
                        && jdbc.sql(
                                    "UPDATE token SET ocra_last_step = ?, failure_count = 0,"
                                        + " last_used_at = ? WHERE id = ? AND ocra_last_step < ?")
                                .params(matched, TokenRepository.ts(now), row.id(), matched)
                                .update()
                            == 1;
                audit.record(subject, actor, "OCRA_VERIFIED", taken ? "OK" : "REPLAYED", detail);
                return taken ? Result.OK : Result.REPLAYED;
              }
              tokens.countFailure(row.id(), TokenState.ACTIVE, limit);
              audit.record(subject, actor, "OCRA_VERIFIED", "WRONG_CODE", detail);
              if (tokens.state(row.id()).orElse(null) == TokenState.LOCKED) {
                audit.record(subject, actor, "TOKEN_LOCKED", "OK", "after wrong codes");
                events.publishEvent(TokenEvent.of(TokenEvent.Type.LOCKED, row, now, actor));
                return Result.LOCKED;
              }
              return Result.WRONG_CODE;
            });
    if (r != null) {
      return r;
    }
    return tokens.state(tokenId).orElse(null) == TokenState.LOCKED
        ? Result.LOCKED
        : Result.NOT_ACTIVE;
  }
}
