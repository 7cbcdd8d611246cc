import { activationResource } from './setup.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b64url, hex, unhex } from '../src/lib/bytes.js';
import { activate, ActivationError, passwordDigits, readFinish, readStart } from '../src/lib/activation.js';
import { recordedDeviceKeys } from './keys.js';

const t = activationResource('transcript-v1.json');
const c = activationResource('confirmation-v1.json');

/** A server that answers with the recorded messages and keeps what the app sent. */
function recordedServer(answers) {
  const sent = [];
  const transport = async (path, body) => {
    sent.push({ path, body });
    const answer = answers[sent.length - 1];
    return typeof answer === 'string' ? { status: 200, body: answer } : answer;
  };
  return { sent, transport };
}

function run(version, transport, overrides = {}) {
  return activate({
    transport,
    serviceId: t.inputs.serviceId,
    userId: t.inputs.userId,
    password: t.inputs.activationPassword,
    deviceLabel: t.inputs.deviceLabel,
    version,
    a: BigInt('0x' + t.values.a),
    ...overrides,
  });
}

test('version 1: the app sends the recorded requests byte for byte and derives the recorded secret', async () => {
  const m = t.messages;
  const server = recordedServer([m.startResponse, m.finishResponse]);
  const token = await run(1, server.transport);
  assert.deepEqual(server.sent, [
    { path: '/api/activation/v1/start', body: m.startRequest },
    { path: '/api/activation/v1/finish', body: m.finishRequest },
  ]);
  assert.equal(hex(token.secret), t.values.tokenSecret);
  assert.equal(token.credentialId, t.values.credentialId);
  assert.equal(token.serviceName, t.inputs.serviceName);
  assert.deepEqual([token.algorithm, token.digits, token.period], ['SHA1', 6, 30]);
  assert.equal(token.startServerTime, t.inputs.startServerTime);
  assert.equal(token.deviceKeys, null);
});

test('version 2: the finish request carries the device key and the recorded proof', async () => {
  const v2 = c.activationV2;
  const start = t.messages.startResponse.replace('"version":1', '"version":2');
  const finish = t.messages.finishResponse.replace('"version":1', '"version":2').replace(/}$/, ',"deviceKey":"REGISTERED"}');
  const server = recordedServer([start, finish]);
  const token = await run(2, server.transport, { keys: await recordedDeviceKeys(c) });
  assert.equal(JSON.parse(server.sent[0].body).version, 2);
  assert.equal(server.sent[1].body, v2.finishRequest);
  assert.equal(hex(token.secret), t.values.tokenSecret);
  assert.ok(token.deviceKeys.privateKey);
});

test('a server that cannot prove the verifier (a wrong M2) is not trusted, and nothing is kept', async () => {
  const m = t.messages;
  const finish = JSON.parse(m.finishResponse);
  finish.M2 = b64url(unhex(t.values.M1));
  const server = recordedServer([m.startResponse, JSON.stringify(finish)]);
  await assert.rejects(run(1, server.transport), (e) => e instanceof ActivationError && e.code === 'UNTRUSTED_SERVER');
});

test('a wrong activation password, an expired session, a rate limit and no network are each told apart', async () => {
  const m = t.messages;
  const cases = [
    [{ status: 403, body: '{"error":"ACTIVATION_FAILED","message":"x"}' }, 'WRONG_PASSWORD'],
    [{ status: 410, body: '{"error":"SESSION_EXPIRED","message":"x"}' }, 'SESSION_EXPIRED'],
    [{ status: 429, body: '{"error":"RATE_LIMITED","message":"x"}', retryAfter: '60' }, 'RATE_LIMITED'],
    [{ status: 400, body: '{"error":"BAD_DEVICE_KEY","message":"x"}' }, 'BAD_DEVICE_KEY'],
    [{ status: 502, body: '<html>bad gateway</html>' }, 'SERVER'],
  ];
  for (const [answer, code] of cases) {
    const server = recordedServer([m.startResponse, answer]);
    await assert.rejects(run(1, server.transport), (e) => e.code === code, code);
  }
  const offline = async () => {
    throw new TypeError('Failed to fetch');
  };
  await assert.rejects(run(1, offline), (e) => e.code === 'UNREACHABLE');
});

test('bad input is refused before anything is sent', async () => {
  const server = recordedServer([]);
  for (const [field, value] of [['serviceId', 'a b'], ['userId', '12x'], ['password', '123'], ['password', '123456789'], ['deviceLabel', '']]) {
    await assert.rejects(run(1, server.transport, { [field]: value }), (e) => e.code === 'INPUT', field);
  }
  assert.equal(server.sent.length, 0);
  assert.equal(passwordDigits('５８２０４７１６'), '58204716');
});

test('answers are read strictly: wrong version, sizes and encodings are the server\'s fault', () => {
  const start = JSON.parse(t.messages.startResponse);
  assert.deepEqual(readStart(JSON.stringify(start), 1).activationId, start.activationId);
  const broken = [
    { ...start, version: 2 },
    { ...start, salt: start.salt.slice(4) },
    { ...start, B: start.B + '==' },
    { ...start, serverTime: 'yesterday' },
    { ...start, activationId: 'a'.repeat(65) },
  ];
  for (const b of broken) {
    assert.throws(() => readStart(JSON.stringify(b), 1), (e) => e.code === 'UNTRUSTED_SERVER');
  }
  assert.throws(() => readStart('[]', 1), (e) => e.code === 'UNTRUSTED_SERVER');
  const finish = JSON.parse(t.messages.finishResponse);
  for (const b of [{ ...finish, digits: 5 }, { ...finish, period: 5 }, { ...finish, algorithm: 'MD5' }, { ...finish, serviceName: '\u0007' }, { ...finish, appLock: 'MAYBE' }]) {
    assert.throws(() => readFinish(JSON.stringify(b), 1), (e) => e.code === 'UNTRUSTED_SERVER');
  }
  assert.throws(() => readFinish(JSON.stringify({ ...finish, version: 2 }), 2), (e) => e.code === 'UNTRUSTED_SERVER', 'v2 without deviceKey');
  assert.equal(readFinish(JSON.stringify({ ...finish, appLock: 'REQUIRED' }), 1).appLock, 'REQUIRED');
});
