/**
 * Token activation, protocol version 1 (docs: ACTIVATION.md): the token app and the server agree on
 * the token secret with SRP-6a, authenticated by the customer's activation password, so that the
 * secret never crosses the wire.
 *
 * <h2>The exchange</h2>
 *
 * <ol>
 *   <li>Issuance: {@link dev.ichie.activation.ActivationVerifiers#create} makes the salt and
 *       verifier to store ({@link dev.ichie.activation.VerifierRecord}).
 *   <li>App: {@link dev.ichie.activation.AppSession#start} → A → {@link
 *       dev.ichie.activation.StartRequest}.
 *   <li>Server: {@link dev.ichie.activation.ServerRole#start} → B for the {@link
 *       dev.ichie.activation.StartResponse}, b to store.
 *   <li>App: {@link dev.ichie.activation.AppSession#respond} → M1 → {@link
 *       dev.ichie.activation.FinishRequest}.
 *   <li>Server: {@link dev.ichie.activation.ServerRole#finish} → M2 for the {@link
 *       dev.ichie.activation.FinishResponse} and the token secret, or nothing if M1 is wrong.
 *   <li>App: {@link dev.ichie.activation.AppSession#verifyServer}, then {@link
 *       dev.ichie.activation.AppSession#deriveTokenSecret}.
 * </ol>
 *
 * {@link dev.ichie.activation.ActivationJson} reads and writes the messages.
 *
 * <h2>The formulas</h2>
 *
 * SRP-6a as Bouncy Castle 1.87's {@code SRP6Client}, {@code SRP6Server}, {@code
 * SRP6VerifierGenerator} and {@code SRP6Util} compute it, with N and g from RFC 5054's 2048-bit
 * group, H = SHA-256, PAD(x) = x unsigned big-endian left-padded with zeros to 256 bytes, and | for
 * concatenation:
 *
 * <pre>
 * I  = UTF-8(serviceId ":" userId)        P = ASCII digits of the activation password
 * k  = H(PAD(N) | PAD(g))
 * x  = H(salt | H(I | ":" | P))           (salt and the inner hash as they are, not padded)
 * v  = g^x mod N
 * A  = g^a mod N                          B = (k*v + g^b) mod N
 * u  = H(PAD(A) | PAD(B))
 * S  = (B - k*g^x)^(a + u*x) mod N  =  (A * v^u)^b mod N
 * M1 = H(PAD(A) | PAD(B) | PAD(S))
 * M2 = H(PAD(A) | PAD(M1) | PAD(S))       (M1, a 32-byte hash, padded to 256 bytes)
 * K  = H(PAD(S))                          (32 bytes)
 * token secret = HKDF-SHA-256(IKM = K, salt = UTF-8(activationId),
 *                info = UTF-8("ichie totp secret v1") | 0x00 | UTF-8(serviceId) | 0x00
 *                       | UTF-8(userId) | 0x00 | UTF-8(credentialId), L = 20, 32 or 64)
 * </pre>
 *
 * A and B must lie in [1, N-1]; a and b are drawn from [2^255, N-1].
 */
package dev.ichie.activation;
