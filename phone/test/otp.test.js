import { otpVectors, standardKey, activationResource } from './setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unhex, utf8 } from '../src/lib/bytes.js';
import { ocraKey } from '../src/lib/hkdf.js';
import {
  hotp, importHmacKey, ocra, offlineQuestion, OFFLINE_SUITE, parseSuite, step, totp, truncate, typedDigits,
} from '../src/lib/otp.js';

test('HOTP matches RFC 4226 Appendix D (the Java tests read the same file)', async () => {
  const rows = otpVectors('rfc4226-appendix-d.csv');
  assert.equal(rows.length, 10);
  const key = await importHmacKey(utf8('12345678901234567890'), 'SHA1');
  for (const [count, mac, , decimal, code] of rows) {
    assert.equal(truncate(unhex(mac)), Number(decimal));
    assert.equal(await hotp(key, Number(count), 6), code);
  }
});

test('TOTP matches RFC 6238 Appendix B for SHA-1, SHA-256 and SHA-512', async () => {
  const rows = otpVectors('rfc6238-appendix-b.csv');
  assert.equal(rows.length, 18);
  const lengths = { SHA1: 20, SHA256: 32, SHA512: 64 };
  for (const [seconds, , stepHex, code, mode] of rows) {
    const key = await importHmacKey(standardKey(lengths[mode]), mode);
    assert.equal(step(Number(seconds) * 1000, 30), parseInt(stepHex, 16));
    assert.equal(await totp(key, Number(seconds) * 1000, 30, 8), code, seconds + ' ' + mode);
  }
});

test('OCRA matches RFC 6287 Appendix C.1, one-way challenge-response', async () => {
  const rows = otpVectors('rfc6287-appendix-c1.csv');
  assert.ok(rows.length >= 30);
  for (const [suiteText, keyLength, counter, question, pin, timeHex, expected] of rows) {
    const suite = parseSuite(suiteText);
    const key = await importHmacKey(standardKey(Number(keyLength)), suite.algorithm);
    const input = { question, counter: counter === '' ? undefined : Number(counter), pin };
    if (timeHex) input.timeSteps = parseInt(timeHex, 16);
    assert.equal(await ocra(key, suite, input), expected, suiteText + ' ' + question);
  }
});

test('OCRA matches RFC 6287 Appendix C.2, the server computation of mutual challenge-response', async () => {
  const rows = otpVectors('rfc6287-appendix-c2.csv');
  assert.equal(rows.length, 10);
  for (const [suiteText, keyLength, client, server, , expected] of rows) {
    const suite = parseSuite(suiteText);
    const key = await importHmacKey(standardKey(Number(keyLength)), suite.algorithm);
    assert.equal(await ocra(key, suite, { question: client + server, mutual: true }), expected);
  }
});

test('the offline 取引認証番号 matches the recorded confirmation: key, question and code', async () => {
  const r = activationResource('confirmation-v1.json');
  const secret = Buffer.from(r.tokenSecret, 'base64url');
  const keyBytes = await ocraKey(new Uint8Array(secret), r.credentialId);
  assert.equal(Buffer.from(keyBytes).toString('hex'), r.ocraKey);
  assert.equal(OFFLINE_SUITE.text, r.ocraSuite);
  const account = r.fields.find((f) => f.name === 'payeeAccountNumber').value;
  const amount = r.fields.find((f) => f.name === 'amount').value;
  assert.equal(offlineQuestion(account, amount), r.ocraQuestion);
  const key = await importHmacKey(keyBytes, 'SHA256');
  assert.equal(await ocra(key, OFFLINE_SUITE, { question: r.ocraQuestion, timeSteps: r.ocraTimeSteps }), r.ocraCode);
});

test('the offline question reads what a customer types and refuses what it cannot be', () => {
  assert.equal(offlineQuestion('１２３４５６７', '¥50,000円'), '11234567000000050000');
  assert.equal(offlineQuestion('0123456', '78,000'), '10123456000000078000');
  assert.equal(offlineQuestion('1234567', ' 8 000 '), '11234567000000008000');
  for (const [account, amount] of [['123456', '1'], ['12345678', '1'], ['1234567', '0'], ['1234567', '1000000000000'], ['12a4567', '1'], ['1234567', '-5']]) {
    assert.equal(offlineQuestion(account, amount), null, account + ' ' + amount);
  }
  assert.equal(typedDigits('１，０００'), '1000');
});

test('a code key is not extractable: exportKey fails', async () => {
  const key = await importHmacKey(standardKey(20), 'SHA1');
  assert.equal(key.extractable, false);
  await assert.rejects(crypto.subtle.exportKey('raw', key));
});

test('suites Ichie does not read are refused', () => {
  for (const bad of ['OCRA-2:HOTP-SHA1-6:QN08', 'OCRA-1:HOTP-MD5-6:QN08', 'OCRA-1:HOTP-SHA1-6:QX08', 'OCRA-1:HOTP-SHA1-6:QN99']) {
    assert.throws(() => parseSuite(bad), SyntaxError, bad);
  }
});
