package dev.ichie.server.token;

import dev.ichie.server.vault.Reencryption;
import dev.ichie.server.vault.SealedStore;
import dev.ichie.server.vault.Vault;
import org.springframework.stereotype.Service;

/**
 * The token secrets and the pending issuances' SRP verifiers under key rotation: re-encrypted under
 * the vault's current key version. Thread-safe.
 */
@Service
public final class TokenSecrets implements SealedStore {

  private final TokenRepository tokens;

  TokenSecrets(TokenRepository tokens) {
    this.tokens = tokens;
  }

  private static final String SEALED_PURPOSE = "token";

  /** The purpose of a pending issuance's sealed SRP verifier. */
  static final String VERIFIER_PURPOSE = "verifier";

  @Override
  public int reencrypt(Vault target) {
    return Reencryption.run(target, SEALED_PURPOSE, tokens::sealedBefore, tokens::replaceSealed)
        + Reencryption.run(
            target, VERIFIER_PURPOSE, tokens::verifiersSealedBefore, tokens::replaceSealedVerifier);
  }
}
