import { activationResource } from './setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, verify as opensslVerify } from 'node:crypto';
import { fromB64url, hex, unhex } from '../src/lib/bytes.js';
import { decisionBytes, enrolBytes, knownConfirmation, pollBytes } from '../src/lib/canonical.js';
import { enrolProofKey, hmacSha256 } from '../src/lib/hkdf.js';
import * as deviceKey from '../src/lib/device-key.js';
import { recordedDeviceKeys } from './keys.js';

const r = activationResource('confirmation-v1.json');
const confirmation = { confirmationId: r.confirmationId, kind: r.kind, fields: r.fields };

test('the poll and decision bytes are the recorded canonical bytes', () => {
  assert.equal(hex(pollBytes(r.serviceId, r.userId, r.credentialId, r.pollTime)), r.pollBytes);
  assert.equal(hex(decisionBytes(r.serviceId, r.userId, r.credentialId, confirmation, r.decision)), r.decisionBytes);
  assert.throws(() => decisionBytes(r.serviceId, r.userId, r.credentialId, confirmation, 'MAYBE'), RangeError);
});

test('the Java side\'s recorded signatures verify under the recorded device key', async () => {
  const keys = await recordedDeviceKeys(r);
  assert.ok(await deviceKey.verify(keys.publicKey, fromB64url(r.pollSignature), unhex(r.pollBytes)));
  assert.ok(await deviceKey.verify(keys.publicKey, fromB64url(r.decisionSignature), unhex(r.decisionBytes)));
  const other = decisionBytes(r.serviceId, r.userId, r.credentialId, confirmation, 'REJECT');
  assert.ok(!(await deviceKey.verify(keys.publicKey, fromB64url(r.decisionSignature), other)));
});

test('the app\'s DER signatures verify in OpenSSL, as the server\'s SHA256withECDSA reads them', async () => {
  const keys = await recordedDeviceKeys(r);
  const spki = await deviceKey.spki(keys.publicKey);
  assert.equal(Buffer.from(spki).toString('base64url'), r.devicePublicKey);
  const openssl = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  for (let i = 0; i < 20; i++) {
    const signature = await deviceKey.sign(keys.privateKey, unhex(r.decisionBytes));
    assert.ok(opensslVerify('sha256', unhex(r.decisionBytes), openssl, signature), 'signature ' + i);
  }
});

test('the device key made at activation is P-256, its SPKI 91 bytes, its private half not extractable', async () => {
  const pair = await deviceKey.generate();
  assert.equal((await deviceKey.spki(pair.publicKey)).length, 91);
  assert.equal(pair.privateKey.extractable, false);
  await assert.rejects(crypto.subtle.exportKey('pkcs8', pair.privateKey));
  await assert.rejects(crypto.subtle.exportKey('jwk', pair.privateKey));
});

test('the enrolment proof for a token activated without a key is the recorded one', async () => {
  const secret = fromB64url(r.tokenSecret);
  const key = await enrolProofKey(secret, r.credentialId);
  assert.equal(hex(key), r.enrolProofKey);
  const proof = await hmacSha256(key, enrolBytes(fromB64url(r.devicePublicKey), r.pollTime));
  assert.equal(Buffer.from(proof).toString('base64url'), r.enrolProof);
});

test('DER signatures that are not one SEQUENCE of two P-256 INTEGERs are refused', () => {
  const good = fromB64url(r.decisionSignature);
  assert.equal(deviceKey.rawFromDer(good).length, 64);
  for (const bad of [good.subarray(1), new Uint8Array([0x30, 0]), new Uint8Array([...good, 0])]) {
    assert.throws(() => deviceKey.rawFromDer(bad), SyntaxError);
  }
});

test('only a TRANSFER with its seven fields in order, valid values and JPY is shown or signed', () => {
  assert.ok(knownConfirmation(confirmation));
  const withField = (name, value) => ({
    ...confirmation,
    fields: confirmation.fields.map((f) => (f.name === name ? { name, value } : f)),
  });
  const refused = [
    { ...confirmation, kind: 'LOGIN' },
    { ...confirmation, fields: confirmation.fields.slice(1) },
    { ...confirmation, fields: [confirmation.fields[1], confirmation.fields[0], ...confirmation.fields.slice(2)] },
    withField('currency', 'USD'),
    withField('amount', '050000'),
    withField('payeeAccountNumber', '123456'),
    withField('payeeName', ''),
    withField('payeeName', 'a\0b'),
    withField('payeeName', 'あ'.repeat(101)),
  ];
  for (const c of refused) assert.ok(!knownConfirmation(c), JSON.stringify(c).slice(0, 80));
  assert.ok(knownConfirmation(withField('payeeName', 'あ'.repeat(100))));
});
