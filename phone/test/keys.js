// The recorded device key of confirmation-v1.json as WebCrypto keys (JWK from the scalar and the
// SPKI's point), so that the app's code can be run on the recorded bytes.
import { b64url, fromB64url, unhex } from '../src/lib/bytes.js';

export async function recordedDeviceKeys(record) {
  const spki = fromB64url(record.devicePublicKey);
  const point = spki.subarray(spki.length - 65);
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: b64url(point.subarray(1, 33)),
    y: b64url(point.subarray(33)),
  };
  const alg = { name: 'ECDSA', namedCurve: 'P-256' };
  const publicKey = await crypto.subtle.importKey('jwk', jwk, alg, true, ['verify']);
  const privateKey = await crypto.subtle.importKey(
    'jwk',
    { ...jwk, d: b64url(unhex(record.devicePrivateScalar)) },
    alg,
    false,
    ['sign'],
  );
  return { publicKey, privateKey };
}
