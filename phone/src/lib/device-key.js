// The device key (CONFIRMATION.md): ECDSA P-256 in the browser's key store, private half never
// extractable; signatures as the server reads them (DER), from WebCrypto's r ‖ s.

import { concat } from './bytes.js';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGN = { name: 'ECDSA', hash: 'SHA-256' };

/** A new key pair; the private key cannot be exported, the public one is for registration. */
export function generate() {
  return crypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
}

/** The public key as DER SubjectPublicKeyInfo (91 bytes for an uncompressed P-256 point). */
export async function spki(publicKey) {
  return new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
}

/** A DER-encoded SHA256withECDSA signature of data. */
export async function sign(privateKey, data) {
  const raw = new Uint8Array(await crypto.subtle.sign(SIGN, privateKey, data));
  return derFromRaw(raw);
}

/** Whether a DER signature of data verifies under a public key. */
export async function verify(publicKey, der, data) {
  return crypto.subtle.verify(SIGN, publicKey, rawFromDer(der), data);
}

function derInteger(bytes) {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  let v = bytes.subarray(i);
  if (v[0] & 0x80) v = concat(new Uint8Array([0]), v);
  return concat(new Uint8Array([0x02, v.length]), v);
}

/** DER SEQUENCE { INTEGER r, INTEGER s } from P-256's 64-byte r ‖ s. */
export function derFromRaw(raw) {
  if (raw.length !== 64) throw new RangeError('a P-256 signature has 64 bytes');
  const body = concat(derInteger(raw.subarray(0, 32)), derInteger(raw.subarray(32)));
  return concat(new Uint8Array([0x30, body.length]), body);
}

/** P-256's 64-byte r ‖ s from DER; throws on anything but one short-form SEQUENCE of two INTEGERs. */
export function rawFromDer(der) {
  if (der[0] !== 0x30 || der[1] !== der.length - 2) throw new SyntaxError('not a DER signature');
  const out = new Uint8Array(64);
  let at = 2;
  for (let n = 0; n < 2; n++) {
    if (der[at] !== 0x02) throw new SyntaxError('not a DER signature');
    const length = der[at + 1];
    let value = der.subarray(at + 2, at + 2 + length);
    if (value.length !== length || length === 0) throw new SyntaxError('not a DER signature');
    while (value.length > 32 && value[0] === 0) value = value.subarray(1);
    if (value.length > 32) throw new SyntaxError('not a P-256 signature');
    out.set(value, n * 32 + 32 - value.length);
    at += 2 + length;
  }
  if (at !== der.length) throw new SyntaxError('not a DER signature');
  return out;
}
