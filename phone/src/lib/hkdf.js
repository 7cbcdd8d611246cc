// HKDF-SHA-256 (RFC 5869) through WebCrypto, and the derivations of ACTIVATION.md and
// CONFIRMATION.md written once.

import { joined, utf8 } from './bytes.js';

/** HKDF-SHA-256(ikm, salt, info) of length bytes. */
export async function hkdf(ikm, salt, info, length) {
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt, info },
    key,
    length * 8,
  );
  return new Uint8Array(bits);
}

/** The bytes a token algorithm's secret has. */
export const SECRET_LENGTH = Object.freeze({ SHA1: 20, SHA256: 32, SHA512: 64 });

/** The token secret from the SRP session key (ACTIVATION.md, step 5). */
export function tokenSecret(K, activationId, serviceId, userId, credentialId, algorithm) {
  const length = SECRET_LENGTH[algorithm];
  if (!length) throw new RangeError('unknown algorithm ' + algorithm);
  return hkdf(
    K,
    utf8(activationId),
    joined('ichie totp secret v1', serviceId, userId, credentialId),
    length,
  );
}

/** The key of the device key's proof at activation version 2. */
export function deviceKeyProofKey(K, activationId, serviceId, userId) {
  return hkdf(K, utf8(activationId), joined('ichie device key v1', serviceId, userId), 32);
}

/** The key of the device key's proof for a token activated without one. */
export function enrolProofKey(secret, credentialId) {
  return hkdf(secret, utf8(credentialId), utf8('ichie device key enrol v1'), 32);
}

/** The OCRA key of the offline 取引認証番号: never the TOTP secret itself. */
export function ocraKey(secret, credentialId) {
  return hkdf(secret, utf8(credentialId), utf8('ichie ocra v1'), 32);
}

/** HMAC-SHA-256 of data under raw key bytes (the proofs). */
export async function hmacSha256(key, data) {
  const k = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, data));
}
