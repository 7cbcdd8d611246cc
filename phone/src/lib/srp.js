// SRP-6a, the app's side (ACTIVATION.md): the values Bouncy Castle's SRP6Client computes, with
// BigInt arithmetic and WebCrypto's hashes.

import { concat, fromBigInt, toBigInt, utf8, same } from './bytes.js';

/** RFC 5054's 2048-bit group with SHA-256: the one Ichie's activation uses. */
export const RFC5054_2048_SHA256 = Object.freeze({
  N: BigInt(
    '0xAC6BDB41324A9A9BF166DE5E1389582FAF72B6651987EE07FC3192943DB56050A37329CBB4A099ED8193E0757767A13DD52312AB4B03310DCD7F48A9DA04FD50E8083969EDB767B0CF6095179A163AB3661A05FBD5FAAAE82918A9962F0B93B855F97993EC975EEAA80D740ADBF4FF747359D041D5C33EA71D281E446B14773BCA97B43A23FB801676BD207A436C6481F1D2B9078717461A5B9D32E688F87748544523B524B0D57D5EA77A2775D2ECFA032CFBDBF52FB3786160279004E57AE6AF874E7303CE53299CCC041C7BC308D82A5698F3A8D0C38271AE35F8E9DBFBB694B5C803D89F7AE435DE236D525F54759B65E372FCD68EF20FA7111F9E4AFF73',
  ),
  g: 2n,
  hash: 'SHA-256',
  padLength: 256,
});

/** base^exponent mod modulus. */
export function modPow(base, exponent, modulus) {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

async function hash(group, ...parts) {
  return new Uint8Array(await crypto.subtle.digest(group.hash, concat(...parts)));
}

function pad(group, n) {
  return fromBigInt(n, group.padLength);
}

/** k = H(PAD(N) ‖ PAD(g)). */
export async function multiplier(group) {
  return toBigInt(await hash(group, pad(group, group.N), pad(group, group.g)));
}

/** x = H(salt ‖ H(I ‖ ":" ‖ P)). */
export async function privateKey(group, salt, identity, password) {
  const inner = await hash(group, utf8(identity), utf8(':'), utf8(password));
  return toBigInt(await hash(group, salt, inner));
}

/** v = g^x mod N: what the server keeps (used here only to check the wiring). */
export async function verifier(group, salt, identity, password) {
  return modPow(group.g, await privateKey(group, salt, identity, password), group.N);
}

/** A fresh private value a: 256 random bits with the top one set. */
export function randomPrivate() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  bytes[0] |= 0x80;
  return toBigInt(bytes);
}

/** The app's first message: A = g^a mod N, padded. */
export function publicValue(group, a) {
  return pad(group, modPow(group.g, a, group.N));
}

/**
 * The app's answer to the server's salt and B: M1 to send, and what to keep until M2 arrives.
 * Throws when B ≡ 0 mod N or u = 0, as Bouncy Castle does.
 *
 * @returns {{u: bigint, S: bigint, M1: Uint8Array, K: Uint8Array, expectedM2: Uint8Array}}
 */
export async function respond(group, identity, password, a, salt, B) {
  const bigB = toBigInt(B);
  if (bigB % group.N === 0n) throw new RangeError('the server sent an invalid B');
  const A = publicValue(group, a);
  const u = toBigInt(await hash(group, A, pad(group, bigB)));
  if (u === 0n) throw new RangeError('the server sent an invalid B');
  const x = await privateKey(group, salt, identity, password);
  const k = await multiplier(group);
  const base = (((bigB - k * modPow(group.g, x, group.N)) % group.N) + group.N) % group.N;
  const S = modPow(base, a + u * x, group.N);
  const M1 = await hash(group, A, pad(group, bigB), pad(group, S));
  const expectedM2 = await hash(group, A, pad(group, toBigInt(M1)), pad(group, S));
  const K = await hash(group, pad(group, S));
  return { u, S, M1, K, expectedM2 };
}

/** Whether the server's M2 proves it held the verifier. */
export function serverProved(expectedM2, M2) {
  return same(expectedM2, M2);
}
